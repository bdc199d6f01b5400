package org.hiremarket.core.internal.company;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Company API keys: {@code hm_<keyId>_<secret>}, where the key id (10 characters) finds the stored
 * record and the secret (43 characters, 256 bits from {@link SecureRandom}) proves possession.
 * Only the SHA-256 of the whole key is stored: for a random 256-bit secret a fast hash is as safe
 * as a slow one, and it keeps per-request authentication cheap.
 */
public final class ApiKeys {

    public static final String PREFIX = "hm_";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final Pattern FORMAT = Pattern.compile("hm_([a-z2-9]{10})_([A-Za-z0-9]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly generated key: {@code plainText} is shown once and never stored. */
    public record GeneratedKey(String keyId, String plainText, String hash) {
        @Override
        public String toString() {
            return "GeneratedKey[" + keyId + "]";
        }
    }

    private ApiKeys() {
    }

    public static GeneratedKey generate() {
        String keyId = random(ID_ALPHABET, 10);
        String plain = PREFIX + keyId + "_" + random(ALPHABET, 43);
        return new GeneratedKey(keyId, plain, hash(plain));
    }

    /** @return the key id of a well-formed key, empty for anything else */
    public static Optional<String> keyIdOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(presented.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return hex SHA-256 of the key */
    public static String hash(String plain) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(plain.trim().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Compares a presented key with a stored hash in constant time. */
    public static boolean matches(String presented, String storedHash) {
        byte[] a = hash(presented).getBytes(StandardCharsets.US_ASCII);
        byte[] b = storedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }

    private static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
