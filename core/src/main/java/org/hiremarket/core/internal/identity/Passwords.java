package org.hiremarket.core.internal.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;

/**
 * Passwords of people: PBKDF2-HMAC-SHA256 (the JDK's implementation), 600,000 iterations, a 16-byte
 * random salt, 32-byte hash, stored as {@code pbkdf2-sha256$iterations$salt$hash}. The iteration
 * count is stored with each hash, so it can be raised later without breaking existing passwords.
 */
public final class Passwords {

    public static final int ITERATIONS = 600_000;
    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /**
     * The iteration count of new hashes: always {@link #ITERATIONS} in the host. Core's unit tests
     * lower it ({@link #workForTests}), since hundreds of 600,000-iteration hashes would make their
     * suite, and every mutation run of it, take minutes for nothing they check.
     */
    private static volatile int work = ITERATIONS;

    private Passwords() {
    }

    public static String hash(char[] password) {
        return hash(password, work);
    }

    /** For unit tests only: the iteration count of new hashes (see {@link #work}). */
    static void workForTests(int iterations) {
        work = iterations;
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return stored(iterations, salt, derive(password, salt, iterations));
    }

    /** The stored form: {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, salt and hash in Base64. */
    private static String stored(int iterations, byte[] salt, byte[] hash) {
        return "pbkdf2-sha256$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * A stored hash that no password matches (random salt and random hash bytes) but that costs as
     * much to check as a real one: what a login for an unknown account is checked against, so the
     * answer takes the same time. Made without deriving anything, so creating it is instant.
     */
    public static String unmatchable() {
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return stored(work, salt, hash);
    }

    /** Checks a password against a stored hash in constant time; {@code null} stored never matches. */
    public static boolean matches(char[] password, String stored) {
        if (stored == null) {
            return false;
        }
        String[] p = stored.split("\\$");
        if (p.length != 4 || !p[0].equals("pbkdf2-sha256")) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, Integer.parseInt(p[1])));
    }

    /**
     * The password rules: 12 to 256 characters, at least 5 different characters, and not a common
     * password (NIST SP 800-63B §5.1.1.2): not on the shipped list of common and leaked passwords
     * ({@code common-passwords.txt}), compared case-insensitively, also once leading and trailing
     * digits and symbols are taken off ({@code Password2024!} is {@code password}).
     */
    public static void validate(String field, String password) {
        List<FieldError> errors = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(new FieldError(field, "must have at least " + MIN_LENGTH + " characters"));
        } else if (password.length() > MAX_LENGTH) {
            errors.add(new FieldError(field, "must have at most " + MAX_LENGTH + " characters"));
        } else if (password.chars().distinct().count() < 5) {
            errors.add(new FieldError(field, "is too simple: use at least 5 different characters"));
        } else if (isCommon(password)) {
            errors.add(new FieldError(field,
                    "is too common: it is on a list of often used or leaked passwords; choose a less guessable one"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }

    /** @return whether the password, or its core without leading and trailing digits and symbols, is common */
    static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT).strip();
        if (Common.LIST.contains(lower)) {
            return true;
        }
        String core = Common.EDGES.matcher(lower).replaceAll("");
        return core.length() >= 4 && Common.LIST.contains(core);
    }

    /** The list, read once at first use. */
    private static final class Common {
        static final Pattern EDGES = Pattern.compile("^[^\\p{L}]+|[^\\p{L}]+$");
        static final Set<String> LIST = load();

        private static Set<String> load() {
            Set<String> out = new HashSet<>(16_384);
            try (InputStream in = Passwords.class.getResourceAsStream("common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("common-passwords.txt is missing from the bundle");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null;) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        out.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(out);
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            KeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        }
    }
}
