package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SecretBoxTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void sealedValueOpensAgainAndDoesNotContainThePlainText() throws Exception {
        SecretBox box = SecretBox.fromKeyFile(tmp.getRoot().toPath().resolve("k/secret.key"));
        String sealed = box.encrypt("sk_live_123456_abcdefghijklmnop");
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains("abcdefghijklmnop"));
        assertNotEquals("a fresh nonce every time", sealed, box.encrypt("sk_live_123456_abcdefghijklmnop"));
        assertEquals("sk_live_123456_abcdefghijklmnop", box.decrypt(sealed));
    }

    @Test
    public void keyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("secret.key");
        String sealed = SecretBox.fromKeyFile(file).encrypt("v");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("v", SecretBox.fromKeyFile(file).decrypt(sealed));
    }

    @Test
    public void anotherKeyCannotOpenIt() {
        String sealed = SecretBox.fromKeyFile(tmp.getRoot().toPath().resolve("a.key")).encrypt("v");
        try {
            SecretBox.fromKeyFile(tmp.getRoot().toPath().resolve("b.key")).decrypt(sealed);
            fail();
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("wrong key"));
        }
    }

    @Test
    public void storedAccountMasksSecretsAndOpensThemForThePluginOnly() {
        AccountStore store = new AccountStore(SecretBox.fromKeyFile(tmp.getRoot().toPath().resolve("c.key")));
        String stored = store.seal(TestDescriptors.valid(), Map.of("boardId", "acme", "token", "s3cret"));
        assertFalse(stored.contains("s3cret"));
        assertEquals(Map.of("boardId", "acme", "token", AccountStore.MASK), AccountStore.masked(stored));
        assertEquals(Map.of("boardId", "acme", "token", "s3cret"), store.open(stored));
    }
}
