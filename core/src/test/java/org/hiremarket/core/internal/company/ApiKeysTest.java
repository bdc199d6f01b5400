package org.hiremarket.core.internal.company;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class ApiKeysTest {

    @Test
    public void generatedKeyHasThePrefixAndItsIdAndVerifiesAgainstItsHash() {
        ApiKeys.GeneratedKey k = ApiKeys.generate();
        assertTrue(k.plainText(), k.plainText().startsWith("hm_" + k.keyId() + "_"));
        assertEquals(3 + 10 + 1 + 43, k.plainText().length());
        assertEquals(k.keyId(), ApiKeys.keyIdOf(k.plainText()).orElseThrow());
        assertTrue(ApiKeys.matches(k.plainText(), k.hash()));
    }

    @Test
    public void onlyTheHashIsKeptAndItIsNotTheKey() {
        ApiKeys.GeneratedKey k = ApiKeys.generate();
        assertEquals(64, k.hash().length());
        assertFalse(k.hash().contains(k.plainText().substring(14)));
        assertFalse("toString never prints the key", k.toString().contains(k.plainText()));
    }

    @Test
    public void anotherKeyOrATamperedKeyDoesNotMatch() {
        ApiKeys.GeneratedKey a = ApiKeys.generate();
        ApiKeys.GeneratedKey b = ApiKeys.generate();
        assertFalse(ApiKeys.matches(b.plainText(), a.hash()));
        String tampered = a.plainText().substring(0, a.plainText().length() - 1)
                + (a.plainText().endsWith("A") ? "B" : "A");
        assertFalse(ApiKeys.matches(tampered, a.hash()));
    }

    @Test
    public void malformedKeysHaveNoKeyId() {
        assertTrue(ApiKeys.keyIdOf(null).isEmpty());
        assertTrue(ApiKeys.keyIdOf("").isEmpty());
        assertTrue(ApiKeys.keyIdOf("Bearer abc").isEmpty());
        assertTrue(ApiKeys.keyIdOf("hm_short_abc").isEmpty());
        assertTrue(ApiKeys.keyIdOf("hm_AAAAAAAAAA_" + "a".repeat(43)).isEmpty());
    }

    @Test
    public void keysAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertTrue(seen.add(ApiKeys.generate().plainText()));
        }
        assertNotEquals(ApiKeys.generate().keyId(), ApiKeys.generate().keyId());
    }
}
