package org.hiremarket.core.internal.idempotency;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class IdempotencyFingerprintTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void sameRequestSameFingerprint() {
        assertEquals(IdempotencyStore.fingerprint("POST", "jobs", b("{\"a\":1}")),
                IdempotencyStore.fingerprint("POST", "jobs", b("{\"a\":1}")));
    }

    @Test
    public void bodyPathOrMethodChangeTheFingerprint() {
        String base = IdempotencyStore.fingerprint("POST", "jobs", b("{\"a\":1}"));
        assertNotEquals(base, IdempotencyStore.fingerprint("POST", "jobs", b("{\"a\":2}")));
        assertNotEquals(base, IdempotencyStore.fingerprint("POST", "candidates", b("{\"a\":1}")));
        assertNotEquals(base, IdempotencyStore.fingerprint("PUT", "jobs", b("{\"a\":1}")));
    }

    @Test
    public void keysOfDifferentCompaniesNeverShareARecord() {
        assertNotEquals(IdempotencyStore.recordId("company-a", "key"), IdempotencyStore.recordId("company-b", "key"));
        assertEquals(64, IdempotencyStore.recordId("company-a", "x").length());
    }
}
