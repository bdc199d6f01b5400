package org.hiremarket.core.internal.identity;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** People signing in: set a password from a mailed token, log in, log out, reset a forgotten password. */
@Component(service = AuthService.class)
public class AuthService {

    static final Duration RESET_VALIDITY = Duration.ofHours(1);
    /**
     * Checked against when the email is unknown, so both cases cost the same time. Not derived from
     * a password: deriving one at class loading held up the host's boot by a second or more.
     */
    private static final String DUMMY_HASH = Passwords.unmatchable();

    /** Login was refused for too many failures; {@code retryAfterSeconds} goes into {@code Retry-After}. */
    public static final class TooManyAttempts extends ApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(429, "too-many-requests", "Too many failed logins",
                    "too many failed logins; try again in " + retryAfterSeconds + " seconds", null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }

    private final Database db;
    private final TokenService tokens;
    private final Mailer mailer;
    private final LoginLimiter limiter;

    @Activate
    public AuthService(@Reference Database db, @Reference TokenService tokens, @Reference Mailer mailer) {
        this.db = db;
        this.tokens = tokens;
        this.mailer = mailer;
        IdentityConfig c = tokens.config();
        this.limiter = new LoginLimiter(c.login_failures_per_account(), c.login_failures_per_address(),
                Duration.ofSeconds(c.login_failure_window_seconds()));
    }

    /** Checks email and password and opens a session. Every failure looks the same to the caller. */
    public TokenService.Issued login(String email, String password, String address) {
        if (email == null || password == null || email.isBlank() || password.isEmpty()) {
            throw ApiException.validation(email == null || email.isBlank() ? "email" : "password", "is required");
        }
        String account = UserEntity.emailKey(email);
        OptionalLong wait = limiter.retryAfter(account, address);
        if (wait.isPresent()) {
            throw new TooManyAttempts(wait.getAsLong());
        }
        Optional<TokenService.Issued> session = db.tx(em -> {
            List<UserEntity> found = em.createNamedQuery("User.byEmailKey", UserEntity.class)
                    .setParameter("emailKey", account).getResultList();
            UserEntity u = found.isEmpty() ? null : found.get(0);
            boolean ok = Passwords.matches(password.toCharArray(),
                    u == null || u.getPasswordHash() == null ? DUMMY_HASH : u.getPasswordHash());
            if (!ok || u == null || !u.isActive()) {
                return Optional.empty();
            }
            return Optional.of(tokens.issueSession(em, u));
        });
        if (session.isEmpty()) {
            limiter.failed(account, address);
            throw ApiException.unauthorized("the email or the password is wrong, or the user is deactivated");
        }
        limiter.succeeded(account);
        return session.get();
    }

    /** Sets the first password with the activation token from the welcome mail. */
    public void activate(String token, String password) {
        setPassword(token, password, OneTimeTokenEntity.Purpose.ACTIVATION);
    }

    /** Mails a reset token if the email belongs to an active user; says nothing either way. */
    public void requestReset(String email) {
        if (email == null || email.isBlank()) {
            throw ApiException.validation("email", "is required");
        }
        String[] mail = db.tx(em -> em.createNamedQuery("User.byEmailKey", UserEntity.class)
                .setParameter("emailKey", UserEntity.emailKey(email)).getResultList().stream()
                .filter(UserEntity::isActive).findFirst()
                .map(u -> new String[] { u.getEmail(), u.getFirstName(), tokens.oneTimeToken(em, u.getId(),
                        OneTimeTokenEntity.Purpose.PASSWORD_RESET, RESET_VALIDITY) })
                .orElse(null));
        if (mail != null) {
            sendQuietly(mail[0], "Reset your HireMarket password", "Hello " + mail[1]
                    + ",\n\nsomeone asked to reset your password. If it was you, set a new one within an hour:\n\n  POST "
                    + mailer.publicUrl() + "/api/v1/auth/password-reset/confirm\n  {\"token\": \"" + mail[2]
                    + "\", \"password\": \"<your new password>\"}\n\nReset token: " + mail[2]
                    + "\n\nIf it was not you, ignore this mail.\n");
        }
    }

    /** The answer to a reset request never depends on the mail (no account probing); failures are logged. */
    private void sendQuietly(String to, String subject, String text) {
        try {
            mailer.send(to, subject, text);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AuthService.class).warn("A password reset mail could not be sent: {}",
                    e.getMessage());
        }
    }

    public void confirmReset(String token, String password) {
        setPassword(token, password, OneTimeTokenEntity.Purpose.PASSWORD_RESET);
    }

    private void setPassword(String token, String password, OneTimeTokenEntity.Purpose purpose) {
        if (token == null || token.isBlank()) {
            throw ApiException.validation("token", "is required");
        }
        Passwords.validate("password", password);
        String hash = Passwords.hash(password.toCharArray());
        db.tx(em -> {
            String userId = tokens.useOneTimeToken(em, token, purpose).orElseThrow(() -> ApiException
                    .validation("token", "is unknown, used or expired; ask for a new one"));
            UserEntity u = em.find(UserEntity.class, userId);
            u.setPasswordHash(hash);
            u.touch(System.currentTimeMillis());
            // a new password ends every session opened with the old one
            tokens.revokeSubject(em, userId);
            return null;
        });
    }
}
