package org.hiremarket.core.internal.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.core.internal.identity.UserViews.CodeRef;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.IdRef;
import org.hiremarket.core.internal.identity.UserViews.LocationIn;
import org.hiremarket.core.internal.mail.MailConfig;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;

/**
 * The identity services outside OSGi on the in-memory Derby harness, with a mailer that records
 * mails instead of writing them, and a clock tests can move.
 */
final class IdentityFixture implements AutoCloseable {

    /** A mail as the mailer was asked to send it, and the thread that asked. */
    record Mail(String to, String subject, String text, Thread thread) {
    }

    /** Records mails; {@link #hold} makes sending wait until {@link #release}. */
    static final class RecordingMailer extends Mailer {
        final List<Mail> sent = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate = new CountDownLatch(0);

        RecordingMailer() {
            super(config(MailConfig.class, Map.of("outbox_dir", tempDir().toString())));
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void send(String to, String subject, String text) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(new Mail(to, subject, text, Thread.currentThread()));
        }

        List<Mail> to(String address, String subjectPart) {
            return sent.stream().filter(m -> m.to().equals(address) && m.subject().contains(subjectPart)).toList();
        }
    }

    /** A clock that stands still until moved. */
    static final class MovableClock extends Clock {
        private final AtomicLong millis = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    static final String COMPANY = "company-1";
    static final Pattern ACTIVATION = Pattern.compile("Activation token: (hmo_\\S+)");
    static final Pattern RESET = Pattern.compile("Reset token: (hmo_\\S+)");

    final InMemoryUnit unit = new InMemoryUnit(true);
    final Database db = unit.database();
    final RecordingMailer mailer = new RecordingMailer();
    final MovableClock clock = new MovableClock();
    final TokenService tokens;
    final UserService users;
    final AuthService auth;

    IdentityFixture() {
        this(Map.of());
    }

    IdentityFixture(Map<String, Object> identityConfig) {
        // what these tests check does not depend on the hashes' cost (PasswordsTest checks the real one)
        Passwords.workForTests(1_000);
        tokens = new TokenService(db, config(IdentityConfig.class, identityConfig));
        users = new UserService(db, mailer, tokens);
        auth = new AuthService(db, tokens, mailer, clock);
    }

    /** An annotation-typed configuration with its defaults, some of them replaced. */
    /** @return why the token service refuses {@code token}; fails the test when it accepts it */
    String refusedToken(String token) {
        try {
            tokens.authenticate(token);
        } catch (TokenService.InvalidToken e) {
            return e.getMessage();
        }
        throw new AssertionError("the token was accepted");
    }

    static <A> A config(Class<A> type, Map<String, Object> values) {
        return org.hiremarket.core.internal.common.TestConfigs.config(type, values);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("hm-outbox");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Caller apiKey() {
        return Caller.apiKey(COMPANY, "key-1");
    }

    static Caller oauth(Set<Scope> scopes) {
        return new Caller(COMPANY, "hmclient_test", Caller.Kind.OAUTH_CLIENT, scopes, null);
    }

    static Caller session(SystemRole role) {
        return new Caller(COMPANY, "session-" + role, Caller.Kind.USER, role.scopes(), "user-" + role);
    }

    static CreateUser newUser(String email, SystemRole role) {
        return new CreateUser("Pat", "Person", email, new IdRef(role.name()), new CodeRef("en"),
                new LocationIn("DE", "Berlin"));
    }

    /** Creates an active user with a password; returns the user's id. */
    String userWithPassword(String email, SystemRole role, String password) {
        String id = users.create(apiKey(), newUser(email, role)).id();
        auth.activate(lastToken(email, ACTIVATION), password);
        return id;
    }

    /** The token of the last mail to {@code email} that carries one of that kind. */
    String lastToken(String email, Pattern kind) {
        String token = null;
        for (Mail m : mailer.sent) {
            Matcher t = kind.matcher(m.text());
            if (m.to().equals(email) && t.find()) {
                token = t.group(1);
            }
        }
        if (token == null) {
            throw new AssertionError("no mail with a token to " + email);
        }
        return token;
    }

    /** Polls every 10 ms until the condition holds, at most 10 s. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Override
    public void close() {
        auth.deactivate();
        unit.close();
    }
}
