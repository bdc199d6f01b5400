package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.Test;

public class SecretTokensTest {

    @Test
    public void generatedKeyHasThePrefixAndItsIdAndVerifiesAgainstItsHash() {
        SecretTokens.Generated k = SecretTokens.generate("hm");
        assertTrue(k.plainText(), k.plainText().startsWith("hm_" + k.id() + "_"));
        assertEquals(3 + 10 + 1 + 43, k.plainText().length());
        assertEquals(k.id(), SecretTokens.idOf("hm", k.plainText()).orElseThrow());
        assertTrue(SecretTokens.matches(k.plainText(), k.hash()));
    }

    @Test
    public void onlyTheHashIsKeptAndItIsNotTheKey() {
        SecretTokens.Generated k = SecretTokens.generate("hm");
        assertEquals(64, k.hash().length());
        assertFalse(k.hash().contains(k.plainText().substring(14)));
        assertFalse("toString never prints the key", k.toString().contains(k.plainText()));
    }

    @Test
    public void anotherKeyOrATamperedKeyDoesNotMatch() {
        SecretTokens.Generated a = SecretTokens.generate("hm");
        SecretTokens.Generated b = SecretTokens.generate("hm");
        assertFalse(SecretTokens.matches(b.plainText(), a.hash()));
        String tampered = a.plainText().substring(0, a.plainText().length() - 1)
                + (a.plainText().endsWith("A") ? "B" : "A");
        assertFalse(SecretTokens.matches(tampered, a.hash()));
    }

    @Test
    public void malformedKeysHaveNoKeyId() {
        assertTrue(SecretTokens.idOf("hm", null).isEmpty());
        assertTrue(SecretTokens.idOf("hm", "").isEmpty());
        assertTrue(SecretTokens.idOf("hm", "Bearer abc").isEmpty());
        assertTrue(SecretTokens.idOf("hm", "hm_short_abc").isEmpty());
        assertTrue(SecretTokens.idOf("hm", "hm_AAAAAAAAAA_" + "a".repeat(43)).isEmpty());
    }

    @Test
    public void prefixTellsTokensApart() {
        SecretTokens.Generated session = SecretTokens.generate("hms");
        assertTrue(SecretTokens.idOf("hms", session.plainText()).isPresent());
        assertTrue("an API key id is not found in a session token", SecretTokens.idOf("hm", session.plainText()).isEmpty());
    }

    @Test
    public void keysAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertTrue(seen.add(SecretTokens.generate("hm").plainText()));
        }
        assertNotEquals(SecretTokens.generate("hm").id(), SecretTokens.generate("hm").id());
    }
}
