package org.hiremarket.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.KeyedBuckets;
import org.hiremarket.core.internal.company.CompanyEntity;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.TimeMeter;

/** People signing in: set a password from a mailed token, log in, log out, reset a forgotten password. */
@Component(service = AuthService.class)
public class AuthService {

    static final Duration RESET_VALIDITY = Duration.ofHours(1);
    /**
     * Checked against when the email is unknown, so both cases cost the same time. Not derived from
     * a password: deriving one at class loading held up the host's boot by a second or more.
     */

    /** Login was refused for too many failures; {@code retryAfterSeconds} goes into {@code Retry-After}. */
    public static final class TooManyAttempts extends ApiException {
        private static final long serialVersionUID = 1L;
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            this("Too many failed logins", "too many failed logins", retryAfterSeconds);
        }

        TooManyAttempts(String title, String what, long retryAfterSeconds) {
            super(429, "too-many-requests", title, what + "; try again in " + retryAfterSeconds + " seconds", null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", String.valueOf(retryAfterSeconds));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);

    private final Database db;
    private final TokenService tokens;
    private final Mailer mailer;
    private final LoginLimiter limiter;
    private final KeyedBuckets resetsPerEmail;
    private final KeyedBuckets resetsPerAddress;
    /** Password resets run here, off the request thread: known and unknown emails are answered alike. */
    private final ThreadPoolExecutor resetWorker;

    @Activate
    public AuthService(@Reference Database db, @Reference TokenService tokens, @Reference Mailer mailer) {
        this(db, tokens, mailer, Clock.systemUTC());
    }

    AuthService(Database db, TokenService tokens, Mailer mailer, Clock clock) {
        this.db = db;
        this.tokens = tokens;
        this.mailer = mailer;
        IdentityConfig c = tokens.config();
        this.limiter = new LoginLimiter(c.login_failures_per_account(), c.login_failures_per_address(),
                Duration.ofSeconds(c.login_failure_window_seconds()));
        this.resetsPerEmail = perWindow(c.password_reset_mails_per_email(), c.password_reset_mail_window_seconds(), clock);
        this.resetsPerAddress = perWindow(c.password_reset_requests_per_address(),
                c.password_reset_address_window_seconds(), clock);
        this.resetWorker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(c.password_reset_queue_size()), r -> {
                    Thread t = new Thread(r, "hiremarket-password-reset");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> LOG.warn("A password reset was dropped: {} are already waiting",
                        executor.getQueue().size()));
    }

    /** At most {@code max} per key in each window of {@code seconds} (all given back when the window is over). */
    static KeyedBuckets perWindow(int max, long seconds, Clock clock) {
        if (max < 1 || seconds < 1) {
            throw new IllegalArgumentException("a limit needs at least one request in a positive window");
        }
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        return new KeyedBuckets(Bandwidth.builder().capacity(max).refillIntervally(max, Duration.ofSeconds(seconds))
                .build(), meter);
    }

    /** Lets queued password resets finish (a few seconds at most), then stops the worker. */
    @Deactivate
    void deactivate() {
        resetWorker.shutdown();
        try {
            if (!resetWorker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} password resets were not processed before the stop", resetWorker.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            resetWorker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #login(String, String, String, String)} without a company. */
    public TokenService.Issued login(String email, String password, String address) {
        return login(email, password, null, address);
    }

    /**
     * Checks email and password and opens a session. Every failure looks the same to the caller. A
     * person may be a user of several companies with one email: the password is checked for each,
     * and when it fits more than one active user the caller is asked which company
     * ({@code companyId}); only companies whose user the password fits are named.
     *
     * @param companyId the company to sign in to, or {@code null} when the email says it
     */
    public TokenService.Issued login(String email, String password, String companyId, String address) {
        if (email == null || password == null || email.isBlank() || password.isEmpty()) {
            throw ApiException.validation(email == null || email.isBlank() ? "email" : "password", "is required");
        }
        String account = UserEntity.emailKey(email);
        OptionalLong wait = limiter.retryAfter(account, address);
        if (wait.isPresent()) {
            throw new TooManyAttempts(wait.getAsLong());
        }
        // the password hashing (PBKDF2, once per user with this email) runs outside any transaction,
        // so it holds no pooled connection
        List<UserEntity> found = db.tx(em -> em.createNamedQuery("User.byEmailKey", UserEntity.class)
                .setParameter("emailKey", account).getResultList().stream()
                .filter(u -> companyId == null || u.getCompanyId().equals(companyId)).toList());
        List<UserEntity> fitting = new java.util.ArrayList<>();
        if (found.isEmpty()) {
            // the same work as for a known email, so that its answer time says nothing
            Passwords.matches(password.toCharArray(), Passwords.unmatchable());
        }
        for (UserEntity u : found) {
            boolean ok = Passwords.matches(password.toCharArray(),
                    u.getPasswordHash() == null ? Passwords.unmatchable() : u.getPasswordHash());
            if (ok && u.getPasswordHash() != null && u.isActive()) {
                fitting.add(u);
            }
        }
        if (fitting.size() > 1) {
            throw db.tx(em -> companyRequired(em, fitting));
        }
        Optional<TokenService.Issued> session = fitting.isEmpty() ? Optional.empty() : db.tx(em -> {
            // as the database has it now: not deactivated, and the password not changed meanwhile
            UserEntity u = em.find(UserEntity.class, fitting.get(0).getId());
            return u == null || !u.isActive() || !fitting.get(0).getPasswordHash().equals(u.getPasswordHash())
                    ? Optional.<TokenService.Issued>empty()
                    : Optional.of(tokens.issueSession(em, u));
        });
        if (session.isEmpty()) {
            limiter.failed(account, address);
            throw ApiException.unauthorized("the email or the password is wrong, or the user is deactivated");
        }
        limiter.succeeded(account);
        return session.get();
    }

    /** The password fits users of several companies: say which, so the person can choose. */
    private static ApiException companyRequired(EntityManager em, List<UserEntity> fitting) {
        List<FieldError> choices = new java.util.ArrayList<>();
        for (UserEntity u : fitting) {
            CompanyEntity c = em.find(CompanyEntity.class, u.getCompanyId());
            choices.add(new FieldError("companyId", u.getCompanyId() + (c == null ? "" : " (" + c.getName() + ")")));
        }
        return new ApiException(409, "company-required", "Choose a company",
                "you are a user of " + fitting.size() + " companies; sign in again with the companyId of one of them",
                choices);
    }

    /** Sets the first password with the activation token from the welcome mail. */
    public void activate(String token, String password) {
        setPassword(token, password, OneTimeTokenEntity.Purpose.ACTIVATION);
    }

    /**
     * Mails a reset token if the email belongs to an active user; says nothing either way. The
     * request thread only checks the limits and hands the work to a background worker, so the answer
     * takes the same time whether the email is known or not. At most
     * {@code password.reset.mails.per.email} requests per email (known or not) in the mail window are
     * processed; the others are answered the same and do nothing. A client address over
     * {@code password.reset.requests.per.address} is answered 429: that depends only on the
     * client's own requests, never on the email.
     *
     * @param address the client address
     */
    public void requestReset(String email, String address) {
        if (email == null || email.isBlank()) {
            throw ApiException.validation("email", "is required");
        }
        long addressWait = resetsPerAddress.tryConsume(address == null ? "" : address);
        if (addressWait > 0) {
            throw new TooManyAttempts("Too many password reset requests", "too many password reset requests from this"
                    + " address", KeyedBuckets.retryAfterSeconds(addressWait));
        }
        String key = UserEntity.emailKey(email);
        if (key.length() > 254) {
            // no user has such an email; not worth remembering
            return;
        }
        if (resetsPerEmail.tryConsume(key) > 0) {
            LOG.debug("A password reset request was throttled for its email address");
            return;
        }
        try {
            resetWorker.execute(() -> mailReset(key));
        } catch (RejectedExecutionException stopped) {
            // stopping: the answer stays the same
        }
    }

    /** On the reset worker: makes a reset token for an active user with that email and mails it. */
    private void mailReset(String emailKey) {
        try {
            // one mail per company the person is an active user of, each with its own token
            List<String[]> mails = db.tx(em -> em.createNamedQuery("User.byEmailKey", UserEntity.class)
                    .setParameter("emailKey", emailKey).getResultList().stream()
                    .filter(UserEntity::isActive)
                    .map(u -> {
                        CompanyEntity c = em.find(CompanyEntity.class, u.getCompanyId());
                        return new String[] { u.getEmail(), u.getFirstName(), tokens.oneTimeToken(em, u.getId(),
                                OneTimeTokenEntity.Purpose.PASSWORD_RESET, RESET_VALIDITY),
                            c == null ? null : c.getName() };
                    }).toList());
            String publicUrl = mails.isEmpty() ? null : mailer.publicUrl();
            for (String[] mail : mails) {
                mailer.send(mail[0], "Reset your HireMarket password" + (mails.size() > 1 && mail[3] != null
                        ? " (" + MailText.userValue(mail[3]) + ")" : ""), resetText(mail[1], publicUrl, mail[2]));
            }
        } catch (RuntimeException e) {
            // the answer never depends on the mail (no account probing); failures are logged
            LOG.warn("A password reset mail could not be sent: {}", e.getMessage());
        }
    }

    /** The reset mail: the name is neutralised ({@link MailText#userValue}), never a link. */
    static String resetText(String firstName, String publicUrl, String token) {
        return "Hello " + MailText.userValue(firstName)
                + ",\n\nsomeone asked to reset your password. If it was you, set a new one within an hour:\n\n  POST "
                + publicUrl + "/api/v1/auth/password-reset/confirm\n  {\"token\": \"" + token
                + "\", \"password\": \"<your new password>\"}\n\nReset token: " + token
                + "\n\nIf it was not you, ignore this mail.\n";
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
            // a new password ends every session opened with the old one, and every other reset or
            // activation token still out
            tokens.revokeSubject(em, userId);
            tokens.endOneTimeTokens(em, userId);
            return null;
        });
    }
}
