package org.hiremarket.core.internal.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Digests the host keeps as text. */
public final class Hashes {

    private Hashes() {
    }

    /** @return the SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the SHA-256 of the parts one after the other, as 64 lower-case hex digits */
    public static String sha256Hex(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                d.update(part);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
