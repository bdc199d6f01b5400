package org.hiremarket.core.internal.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.KeyedBuckets;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner realm of the identity system: vendors sign up, verify their email, sign in and out,
 * reset a forgotten password, and hold Marketplace API tokens. It shares the customer realm's
 * password rules and hashing ({@link Passwords}), sessions ({@link TokenService}, kind
 * {@code PARTNER}), single-use mailed tokens, login limits ({@link LoginLimiter}, same settings) and
 * mail ({@link Mailer}); a credential of one realm is unknown in the other.
 *
 * <p>Sign-up, resending the verification and password resets answer the same whether the email is
 * known or not: the request thread checks the input and the limits (and hashes the password) and a
 * background worker does the rest, so neither the answer nor its time tells whether an account exists.
 */
@Component(service = PartnerAuthService.class)
public class PartnerAuthService {

    static final Duration VERIFICATION_VALIDITY = Duration.ofHours(72);
    static final Duration RESET_VALIDITY = AuthService.RESET_VALIDITY;
    static final String TOKEN_PREFIX = "hmp";
    /** Live Marketplace API tokens a partner may hold at once. */
    static final int MAX_TOKENS = 20;
    /** {@code lastUsedAt} of a token is written at most this often. */
    static final long LAST_USED_PRECISION_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(PartnerAuthService.class);

    /** A Marketplace API token as listed: never its secret. */
    public record MarketplaceTokenInfo(String id, String name, String prefix, long createdAt, Long lastUsedAt, Long revokedAt) {
        static MarketplaceTokenInfo of(PartnerTokenEntity t) {
            return new MarketplaceTokenInfo(t.getId(), t.getName(), TOKEN_PREFIX + "_" + t.getTokenId(), t.getCreatedAt(),
                    t.getLastUsedAt(), t.getRevokedAt());
        }
    }

    /** A token just created: {@code token} is shown this once. */
    public record CreatedToken(MarketplaceTokenInfo info, String token) {
        @Override
        public String toString() {
            return "CreatedToken[" + info.id() + "]";
        }
    }

    private final Database db;
    private final TokenService tokens;
    private final Mailer mailer;
    private final LoginLimiter limiter;
    private final KeyedBuckets mailsPerEmail;
    private final KeyedBuckets requestsPerAddress;
    private final ThreadPoolExecutor worker;
    /** Where sign-up, resend and reset work runs: the worker, or (tests) the calling thread. */
    private final Executor background;

    @Activate
    public PartnerAuthService(@Reference Database db, @Reference TokenService tokens, @Reference Mailer mailer) {
        this(db, tokens, mailer, Clock.systemUTC());
    }

    PartnerAuthService(Database db, TokenService tokens, Mailer mailer, Clock clock) {
        this(db, tokens, mailer, clock, null);
    }

    /** For tests: {@code background} runs the work the worker thread runs otherwise ({@code null}: the worker). */
    PartnerAuthService(Database db, TokenService tokens, Mailer mailer, Clock clock, Executor background) {
        this.db = db;
        this.tokens = tokens;
        this.mailer = mailer;
        IdentityConfig c = tokens.config();
        this.limiter = new LoginLimiter(c.login_failures_per_account(), c.login_failures_per_address(),
                Duration.ofSeconds(c.login_failure_window_seconds()));
        this.mailsPerEmail = AuthService.perWindow(c.password_reset_mails_per_email(),
                c.password_reset_mail_window_seconds(), clock);
        this.requestsPerAddress = AuthService.perWindow(c.password_reset_requests_per_address(),
                c.password_reset_address_window_seconds(), clock);
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(c.password_reset_queue_size()), r -> {
                    Thread t = new Thread(r, "hiremarket-partner-accounts");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> LOG.warn("A partner account mail was dropped: {} are already waiting",
                        executor.getQueue().size()));
        this.background = background == null ? worker : background;
    }

    @Deactivate
    void deactivate() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{} partner account requests were not processed before the stop", worker.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------ sign-up

    /**
     * Signs a partner up: checks the input, then (on the worker) creates the account and mails a
     * verification token. An email with an unverified account gets a new token (the old ones end) but
     * keeps the details and password it signed up with first: otherwise whoever signs up second with
     * someone else's email would hold the password once its owner verifies it (the owner can reset
     * it after verifying). An email with a verified account gets a mail saying so. The caller is told
     * the same in every case.
     */
    public void signUp(String name, String email, String companyName, String password, String address) {
        List<FieldError> errors = new ArrayList<>();
        String n = UserService.personName(errors, "name", name);
        String e = UserService.email(errors, email);
        String c = UserService.personName(errors, "companyName", companyName);
        try {
            Passwords.validate("password", password);
        } catch (ApiException weak) {
            errors.addAll(weak.errors());
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        perAddress(address, "sign-ups");
        String hash = Passwords.hash(password.toCharArray());
        String key = UserEntity.emailKey(e);
        if (mailsPerEmail.tryConsume(key) > 0) {
            LOG.debug("A partner sign-up was throttled for its email address");
            return;
        }
        run(() -> createOrRemind(n, e, c, hash));
    }

    private void createOrRemind(String name, String email, String companyName, String hash) {
        String[] mail = db.tx(em -> {
            long now = System.currentTimeMillis();
            PartnerAccountEntity p = byEmail(em, email).orElse(null);
            if (p != null && p.isVerified()) {
                return new String[] { p.getEmail(), "Your HireMarket partner account", alreadyText(p.getName()) };
            }
            if (p == null) {
                p = new PartnerAccountEntity(Ids.newId(), name, email, companyName, hash, now);
                em.persist(p);
            } else {
                tokens.endOneTimeTokens(em, p.getId());
            }
            String token = tokens.oneTimeToken(em, p.getId(), OneTimeTokenEntity.Purpose.PARTNER_VERIFICATION,
                    VERIFICATION_VALIDITY);
            return new String[] { p.getEmail(), "Verify your email for the HireMarket Partner Portal",
                verificationText(p.getName(), mailer.publicUrl(), token) };
        });
        mailer.send(mail[0], mail[1], mail[2]);
    }

    /** Mails a new verification token to an unverified account; says nothing either way. */
    public void resendVerification(String email, String address) {
        String key = requiredEmailKey(email, address, "verification mails");
        if (key == null) {
            return;
        }
        run(() -> {
            String[] mail = db.tx(em -> {
                PartnerAccountEntity p = byEmail(em, key).orElse(null);
                if (p == null || p.isVerified()) {
                    return null;
                }
                tokens.endOneTimeTokens(em, p.getId());
                String token = tokens.oneTimeToken(em, p.getId(), OneTimeTokenEntity.Purpose.PARTNER_VERIFICATION,
                        VERIFICATION_VALIDITY);
                return new String[] { p.getEmail(), verificationText(p.getName(), mailer.publicUrl(), token) };
            });
            if (mail != null) {
                mailer.send(mail[0], "Verify your email for the HireMarket Partner Portal", mail[1]);
            }
        });
    }

    /** Verifies the account of a mailed token; the token works once. */
    public void verify(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.validation("token", "is required");
        }
        db.tx(em -> {
            String partnerId = tokens.useOneTimeToken(em, token, OneTimeTokenEntity.Purpose.PARTNER_VERIFICATION)
                    .orElseThrow(() -> ApiException.validation("token",
                            "is unknown, used or expired; ask for a new one (POST /partner/auth/verification/resend)"));
            em.find(PartnerAccountEntity.class, partnerId).verified(System.currentTimeMillis());
            return null;
        });
    }

    // ------------------------------------------------------------------------------ sessions

    /**
     * Checks email and password and opens a partner session. A wrong email or password look the
     * same; the right password of an account whose email is not verified yet is told so (403).
     */
    public TokenService.Issued login(String email, String password, String address) {
        if (email == null || password == null || email.isBlank() || password.isEmpty()) {
            throw ApiException.validation(email == null || email.isBlank() ? "email" : "password", "is required");
        }
        String account = "partner:" + UserEntity.emailKey(email);
        OptionalLong wait = limiter.retryAfter(account, address);
        if (wait.isPresent()) {
            throw new AuthService.TooManyAttempts(wait.getAsLong());
        }
        PartnerAccountEntity found = db.tx(em -> byEmail(em, email).orElse(null));
        boolean fits = Passwords.matches(password.toCharArray(),
                found == null ? Passwords.unmatchable() : found.getPasswordHash());
        if (!fits) {
            limiter.failed(account, address);
            throw ApiException.unauthorized("the email or the password is wrong");
        }
        limiter.succeeded(account);
        if (!found.isVerified()) {
            throw new ApiException(403, "email-not-verified", "Email not verified",
                    "verify your email with the token we mailed you first (POST /partner/auth/verification/resend sends a new"
                            + " one)", null);
        }
        return db.tx(em -> {
            PartnerAccountEntity p = em.find(PartnerAccountEntity.class, found.getId());
            if (p == null || !p.getPasswordHash().equals(found.getPasswordHash())) {
                throw ApiException.unauthorized("the email or the password is wrong");
            }
            return tokens.issuePartnerSession(em, p.getId());
        });
    }

    /** Ends the session the caller signed in with. */
    public void logout(PartnerCaller caller) {
        if (caller.kind() != PartnerCaller.Kind.SESSION) {
            throw ApiException.badRequest("only a session can log out; revoke Marketplace API tokens instead");
        }
        tokens.revoke(caller.credentialId());
    }

    /** Mails a reset token if the email belongs to a verified partner account; says nothing either way. */
    public void requestReset(String email, String address) {
        String key = requiredEmailKey(email, address, "password reset requests");
        if (key == null) {
            return;
        }
        run(() -> {
            String[] mail = db.tx(em -> {
                PartnerAccountEntity p = byEmail(em, key).orElse(null);
                if (p == null || !p.isVerified()) {
                    return null;
                }
                String token = tokens.oneTimeToken(em, p.getId(), OneTimeTokenEntity.Purpose.PARTNER_RESET,
                        RESET_VALIDITY);
                return new String[] { p.getEmail(), resetText(p.getName(), mailer.publicUrl(), token) };
            });
            if (mail != null) {
                mailer.send(mail[0], "Reset your HireMarket partner password", mail[1]);
            }
        });
    }

    /** Sets a new password with a mailed reset token; every session of the account ends. */
    public void confirmReset(String token, String password) {
        if (token == null || token.isBlank()) {
            throw ApiException.validation("token", "is required");
        }
        Passwords.validate("password", password);
        String hash = Passwords.hash(password.toCharArray());
        db.tx(em -> {
            String partnerId = tokens.useOneTimeToken(em, token, OneTimeTokenEntity.Purpose.PARTNER_RESET)
                    .orElseThrow(() -> ApiException.validation("token", "is unknown, used or expired; ask for a new one"));
            em.find(PartnerAccountEntity.class, partnerId).setPasswordHash(hash, System.currentTimeMillis());
            tokens.revokeSubject(em, partnerId);
            tokens.endOneTimeTokens(em, partnerId);
            return null;
        });
    }

    // ------------------------------------------------------------------------------ Marketplace API tokens

    /** Creates a Marketplace API token; its secret is in the answer only. Sessions only. */
    public CreatedToken createToken(PartnerCaller caller, String name) {
        requireSession(caller, "create Marketplace API tokens");
        List<FieldError> errors = new ArrayList<>();
        String n = UserService.name(errors, "name", name == null ? "Marketplace API token" : name);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return db.tx(em -> {
            long live = em.createNamedQuery("PartnerToken.countLive", Long.class)
                    .setParameter("partnerId", caller.partnerId()).getSingleResult();
            if (live >= MAX_TOKENS) {
                throw ApiException.conflict("too-many-tokens", "Too many tokens", "a partner holds at most " + MAX_TOKENS
                        + " live Marketplace API tokens; revoke one first");
            }
            SecretTokens.Generated g = SecretTokens.generate(TOKEN_PREFIX);
            PartnerTokenEntity t = new PartnerTokenEntity(Ids.newId(), g.id(), g.hash(), caller.partnerId(), n,
                    System.currentTimeMillis());
            em.persist(t);
            return new CreatedToken(MarketplaceTokenInfo.of(t), g.plainText());
        });
    }

    public List<MarketplaceTokenInfo> tokens(PartnerCaller caller) {
        return db.tx(em -> em.createNamedQuery("PartnerToken.ofPartner", PartnerTokenEntity.class)
                .setParameter("partnerId", caller.partnerId()).getResultList().stream().map(MarketplaceTokenInfo::of).toList());
    }

    /** Revokes one of the caller's tokens at once; another partner's token id is not found. */
    public void revokeToken(PartnerCaller caller, String tokenRecordId) {
        requireSession(caller, "revoke Marketplace API tokens");
        db.tx(em -> {
            PartnerTokenEntity t = tokenRecordId == null ? null : em.find(PartnerTokenEntity.class, tokenRecordId);
            if (t == null || !t.getPartnerId().equals(caller.partnerId())) {
                throw ApiException.notFound("token", tokenRecordId);
            }
            t.revoke(System.currentTimeMillis());
            return null;
        });
    }

    /** @return the partner a live Marketplace API token belongs to; empty for anything else */
    public Optional<PartnerCaller> authenticateToken(String presented) {
        Optional<String> id = SecretTokens.idOf(TOKEN_PREFIX, presented);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return db.tx(em -> em.createNamedQuery("PartnerToken.byTokenId", PartnerTokenEntity.class)
                .setParameter("tokenId", id.get()).getResultList().stream()
                .filter(t -> t.getRevokedAt() == null && SecretTokens.matches(presented, t.getTokenHash()))
                .findFirst().map(t -> {
                    long now = System.currentTimeMillis();
                    if (t.getLastUsedAt() == null || now - t.getLastUsedAt() >= LAST_USED_PRECISION_MS) {
                        t.used(now);
                    }
                    return new PartnerCaller(t.getPartnerId(), t.getId(), PartnerCaller.Kind.TOKEN);
                }));
    }

    /** @return the partner whose session a bearer token is */
    public PartnerCaller authenticateSession(String bearer) throws TokenService.InvalidToken {
        return tokens.authenticatePartnerSession(bearer);
    }

    // ------------------------------------------------------------------------------ helpers

    /** What only a person signed in may do, not a partner's service with a token. */
    public static void requireSession(PartnerCaller caller, String what) {
        if (caller.kind() != PartnerCaller.Kind.SESSION) {
            throw new ApiException(403, "session-required", "Session required",
                    "sign in to the Partner Portal to " + what + "; a Marketplace API token cannot", null);
        }
    }

    private static Optional<PartnerAccountEntity> byEmail(EntityManager em, String email) {
        return em.createNamedQuery("PartnerAccount.byEmailKey", PartnerAccountEntity.class)
                .setParameter("emailKey", UserEntity.emailKey(email)).getResultList().stream().findFirst();
    }

    private void perAddress(String address, String what) {
        long wait = requestsPerAddress.tryConsume(address == null ? "" : address);
        if (wait > 0) {
            throw new AuthService.TooManyAttempts("Too many requests", "too many " + what + " from this address",
                    KeyedBuckets.retryAfterSeconds(wait));
        }
    }

    /** @return the email's key when a mail may go out for it, {@code null} when it is throttled or no email */
    private String requiredEmailKey(String email, String address, String what) {
        if (email == null || email.isBlank()) {
            throw ApiException.validation("email", "is required");
        }
        perAddress(address, what);
        String key = UserEntity.emailKey(email);
        if (key.length() > 254 || mailsPerEmail.tryConsume(key) > 0) {
            return null;
        }
        return key;
    }

    private void run(Runnable work) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // the answer never depends on it (no account probing); failures are logged
                    LOG.warn("A partner account mail could not be sent: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopped) {
            // stopping: the answer stays the same
        }
    }

    static String verificationText(String name, String publicUrl, String token) {
        return "Hello " + MailText.userValue(name) + ",\n\nthank you for signing up for the HireMarket Partner Portal."
                + " Verify your email within " + VERIFICATION_VALIDITY.toHours() + " hours:\n\n  POST " + publicUrl
                + "/api/v1/partner/auth/verification\n  {\"token\": \"" + token + "\"}\n\nVerification token: " + token
                + "\n\nIf you did not sign up, ignore this mail.\n";
    }

    static String alreadyText(String name) {
        return "Hello " + MailText.userValue(name) + ",\n\nsomeone tried to sign up for the HireMarket Partner Portal"
                + " with this email, which has an account already. Sign in, or reset your password if you forgot"
                + " it.\n\nIf it was not you, ignore this mail.\n";
    }

    static String resetText(String name, String publicUrl, String token) {
        return "Hello " + MailText.userValue(name) + ",\n\nsomeone asked to reset your HireMarket partner password."
                + " If it was you, set a new one within an hour:\n\n  POST " + publicUrl
                + "/api/v1/partner/auth/password-reset/confirm\n  {\"token\": \"" + token
                + "\", \"password\": \"<your new password>\"}\n\nReset token: " + token
                + "\n\nIf it was not you, ignore this mail.\n";
    }
}
