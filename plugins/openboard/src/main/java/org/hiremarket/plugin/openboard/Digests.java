package org.hiremarket.plugin.openboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests: OpenBoard derives references and demo applicants from them, so both are repeatable. */
final class Digests {

    private Digests() {
    }

    /** @return the SHA-256 of {@code text} (UTF-8) */
    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** @return the first {@code bytes} bytes of the SHA-256 of {@code text} as lower-case hex digits */
    static String sha256Hex(String text, int bytes) {
        byte[] digest = sha256(text);
        return HexFormat.of().formatHex(digest, 0, bytes);
    }
}
