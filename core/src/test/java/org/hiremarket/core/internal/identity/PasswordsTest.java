package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.Test;

public class PasswordsTest {

    @org.junit.Before
    public void realCost() {
        Passwords.workForTests(Passwords.ITERATIONS);
    }

    @Test
    public void storedWithTheRequiredIterationsAndARandomSalt() {
        String h = Passwords.hash("correct horse battery".toCharArray());
        assertTrue(h, h.startsWith("pbkdf2-sha256$600000$"));
        assertTrue(Passwords.ITERATIONS >= 600_000);
        assertTrue(Passwords.unmatchable(), Passwords.unmatchable().startsWith("pbkdf2-sha256$600000$"));
        assertNotEquals(h, Passwords.hash("correct horse battery".toCharArray()));
        assertTrue(Passwords.matches("correct horse battery".toCharArray(), h));
        assertFalse(Passwords.matches("correct horse batterY".toCharArray(), h));
    }

    @Test
    public void iterationsComeFromTheStoredHash() {
        String cheap = Passwords.hash("another password".toCharArray(), 1000);
        assertTrue(Passwords.matches("another password".toCharArray(), cheap));
    }

    @Test
    public void missingOrForeignHashesNeverMatch() {
        assertFalse(Passwords.matches("x".toCharArray(), null));
        assertFalse(Passwords.matches("x".toCharArray(), "{SHA}abc"));
    }

    @Test
    public void theUnknownAccountHashIsShapedLikeARealOneAndMatchesNothing() {
        String u = Passwords.unmatchable();
        String real = Passwords.hash("correct horse battery".toCharArray());
        // same scheme, iteration count and field sizes: checking it costs what checking a real one costs
        String[] a = u.split("\\$");
        String[] b = real.split("\\$");
        assertEquals(b.length, a.length);
        assertEquals(b[0], a[0]);
        assertEquals(b[1], a[1]);
        assertEquals(b[2].length(), a[2].length());
        assertEquals(b[3].length(), a[3].length());
        assertNotEquals(u, Passwords.unmatchable());
        for (String guess : new String[] { "", "correct horse battery", "not-a-real-password-1234" }) {
            assertFalse(guess, Passwords.matches(guess.toCharArray(), u));
        }
    }

    @Test
    public void weakPasswordsAreRefused() {
        for (String bad : new String[] { null, "short", "aaaaaaaaaaaaaaa", "x".repeat(257) }) {
            try {
                Passwords.validate("password", bad);
                fail("accepted " + bad);
            } catch (ApiException e) {
                assertEquals("password", e.errors().get(0).field());
            }
        }
        Passwords.validate("password", "a sound passphrase");
    }

    @Test
    public void commonAndLeakedPasswordsAreRefusedWhateverTheirCase() {
        for (String common : new String[] { "1qaz2wsx3edc", "QWERTYUIOP123", "Password12345!", "!!football2024",
                "administrator", "Qazwsxedcrfv", "iloveyou123456", "  letmein12345  " }) {
            try {
                Passwords.validate("password", common);
                fail("accepted the common password " + common);
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals("password", e.errors().get(0).field());
                assertTrue(e.errors().get(0).message(), e.errors().get(0).message().contains("too common"));
            }
        }
    }

    @Test
    public void theListIsShippedAndUncommonPasswordsPass() {
        assertTrue(Passwords.isCommon("123456"));
        assertTrue(Passwords.isCommon("PaSsWoRd"));
        for (String fine : new String[] { "a sound passphrase", "correct horse battery", "Tr0ub4dor&3-staple",
                "pw-0f8e2c61-5b7a-4bd0-9e64-3f1c2d7a9b10" }) {
            assertFalse(fine, Passwords.isCommon(fine));
            Passwords.validate("password", fine);
        }
    }
}
