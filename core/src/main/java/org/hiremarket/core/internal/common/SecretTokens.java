package org.hiremarket.core.internal.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets HireMarket hands out (API keys, access tokens, client secrets, one-time tokens):
 * {@code <prefix>_<id>_<secret>}, where the id (10 characters) finds the stored record and the
 * secret (43 characters, 256 bits from {@link SecureRandom}) proves possession. Only the SHA-256 of
 * the whole token is stored: for a random 256-bit secret a fast hash is as safe as a slow one, and
 * it keeps per-request authentication cheap. The prefix tells what a token is ({@code hm} API key,
 * {@code hma} OAuth access token, {@code hms} session, {@code hmc} client secret, {@code hmo}
 * one-time token).
 */
public final class SecretTokens {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A freshly generated token: {@code plainText} is shown once and never stored. */
    public record Generated(String id, String plainText, String hash) {
        @Override
        public String toString() {
            return "SecretToken[" + id + "]";
        }
    }

    private SecretTokens() {
    }

    public static Generated generate(String prefix) {
        String id = random(ID_ALPHABET, 10);
        String plain = prefix + "_" + id + "_" + random(ALPHABET, 43);
        return new Generated(id, plain, hash(plain));
    }

    /** @return the id of a well-formed token with that prefix, empty for anything else */
    public static Optional<String> idOf(String prefix, String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "_([a-z2-9]{10})_([A-Za-z0-9]{43})").matcher(presented.trim());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** @return hex SHA-256 of the token */
    public static String hash(String plain) {
        return Hashes.sha256Hex(plain.trim());
    }

    /** Compares a presented token with a stored hash in constant time. */
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
