package org.hiremarket.core.internal.identity;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.identity.IdentityFixture.Mail;
import org.hiremarket.core.internal.identity.IdentityFixture.MovableClock;
import org.hiremarket.core.internal.identity.IdentityFixture.RecordingMailer;
import org.hiremarket.core.internal.identity.PartnerAuthService.CreatedToken;
import org.hiremarket.core.internal.identity.PartnerAuthService.MarketplaceTokenInfo;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The partner realm of the identity system on the in-memory database: sign-up with its verification
 * mail (the background work runs on the test's thread), verification, login with the shared limits,
 * password reset, Marketplace API tokens, and that no credential of one realm works in the other.
 */
public class PartnerAuthServiceTest {

    private static final Pattern VERIFY = Pattern.compile("Verification token: (hmo_\\S+)");
    private static final Pattern RESET = Pattern.compile("Reset token: (hmo_\\S+)");
    private static final String PASSWORD = "a long and unusual passphrase 7";
    private static final String OTHER_PASSWORD = "another quite unusual passphrase 9";
    private static final String VERIFY_SUBJECT = "Verify your email for the HireMarket Partner Portal";

    private Database db;
    private InMemoryUnit unit;
    private TokenService tokens;
    private RecordingMailer mailer;
    private MovableClock clock;
    private PartnerAuthService auth;

    @Before
    public void setUp() {
        Passwords.workForTests(1_000);
        unit = InMemoryUnit.shared(getClass());
        db = unit.database();
        tokens = new TokenService(db, IdentityFixture.config(IdentityConfig.class, Map.of()));
        mailer = new RecordingMailer();
        clock = new MovableClock();
        auth = new PartnerAuthService(db, tokens, mailer, clock, Runnable::run);
    }

    @After
    public void tearDown() {
        auth.deactivate();
    }

    // ------------------------------------------------------------------------------ helpers

    private static String email() {
        return "p-" + UUID.randomUUID() + "@example.com";
    }

    private static String address() {
        return "addr-" + UUID.randomUUID();
    }

    private void signUp(String email, String password) {
        auth.signUp("Pat Partner", email, "Acme Vendors", password, address());
    }

    private List<Mail> mails(String email) {
        return mailer.sent.stream().filter(m -> m.to().equalsIgnoreCase(email)).toList();
    }

    private static String token(Mail m, Pattern kind) {
        Matcher t = kind.matcher(m.text());
        if (!t.find()) {
            throw new AssertionError("no token in " + m.text());
        }
        return t.group(1);
    }

    private String lastToken(String email, Pattern kind) {
        List<Mail> list = mails(email);
        return token(list.get(list.size() - 1), kind);
    }

    /** A verified account signed up with {@link #PASSWORD}; returns its id. */
    private String verifiedAccount(String email) {
        signUp(email, PASSWORD);
        auth.verify(lastToken(email, VERIFY));
        return account(email).getId();
    }

    private PartnerAccountEntity account(String email) {
        return db.tx(em -> em.createNamedQuery("PartnerAccount.byEmailKey", PartnerAccountEntity.class)
                .setParameter("emailKey", UserEntity.emailKey(email)).getResultList().stream().findFirst().orElse(null));
    }

    private long accounts(String email) {
        return Long.parseLong(rows("SELECT COUNT(*) FROM HM_PARTNER_ACCOUNT WHERE EMAILKEY = ?",
                UserEntity.emailKey(email)).get(0));
    }

    private List<String> rows(String query, Object... params) {
        try (Connection c = unit.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(i == 1 ? "" : "|").append(rs.getString(i));
                    }
                    out.add(b.toString());
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        try {
            unit.sql(statement);
            // what the statement changed is read again, not taken from the shared cache
            unit.factory().getCache().evictAll();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static void assertTokenRefused(Runnable call) {
        ApiException e = refused(400, "validation-error", call);
        assertEquals(List.of("token"), fields(e));
    }

    private String refusedSession(String bearer) {
        try {
            auth.authenticateSession(bearer);
        } catch (TokenService.InvalidToken e) {
            return e.getMessage();
        }
        throw new AssertionError("the partner session was accepted");
    }

    private String refusedCustomer(String bearer) {
        try {
            tokens.authenticate(bearer);
        } catch (TokenService.InvalidToken e) {
            return e.getMessage();
        }
        throw new AssertionError("the customer API accepted the token");
    }

    // ------------------------------------------------------------------------------ sign-up

    @Test
    public void signUpNamesEveryInvalidFieldAtOnceAndWritesNothing() {
        String email = "not-an-email";
        ApiException e = refused(400, "validation-error",
                () -> auth.signUp(" ", email, "<b>Acme</b>", "short", address()));
        assertEquals(List.of("name", "email", "companyName", "password"), fields(e));
        assertEquals("4 fields are invalid", e.detail());
        assertEquals("must have at least 12 characters", e.errors().get(3).message());

        e = refused(400, "validation-error", () -> auth.signUp("Pat", email(), null, "Password2024!", address()));
        assertEquals(List.of("companyName", "password"), fields(e));
        assertEquals("is required", e.errors().get(0).message());
        assertTrue(e.errors().get(1).message(), e.errors().get(1).message().startsWith("is too common"));

        e = refused(400, "validation-error", () -> auth.signUp("Pat", null, "Acme", PASSWORD, address()));
        assertEquals(List.of("email"), fields(e));
        assertEquals(0, mailer.sent.size());
    }

    @Test
    public void invalidSignUpsDoNotSpendTheAddressLimit() {
        String from = address();
        for (int i = 0; i < 12; i++) {
            refused(400, "validation-error", () -> auth.signUp("Pat", "bad", "Acme", PASSWORD, from));
        }
        String email = email();
        auth.signUp("Pat Partner", email, "Acme", PASSWORD, from);
        assertEquals(1, mails(email).size());
    }

    @Test
    public void theVerificationMailCarriesATokenThatVerifiesOnceAndLoginWorksAfterIt() throws Exception {
        String email = "Mixed-" + UUID.randomUUID() + "@Example.com";
        signUp(email, PASSWORD);

        List<Mail> sent = mails(email);
        assertEquals(1, sent.size());
        Mail m = sent.get(0);
        assertEquals(email, m.to());
        assertEquals(VERIFY_SUBJECT, m.subject());
        assertTrue(m.text(), m.text().startsWith("Hello Pat Partner,"));
        assertTrue(m.text(), m.text().contains("within 72 hours"));
        String token = token(m, VERIFY);
        assertTrue(m.text(), m.text().contains(mailer.publicUrl() + "/api/v1/partner/auth/verification\n  {\"token\": \""
                + token + "\"}"));

        PartnerAccountEntity a = account(email);
        assertEquals("Pat Partner", a.getName());
        assertEquals("Acme Vendors", a.getCompanyName());
        assertEquals(email, a.getEmail());
        assertFalse(a.isVerified());
        assertNotEquals(PASSWORD, a.getPasswordHash());

        ApiException notYet = refused(403, "email-not-verified", () -> auth.login(email, PASSWORD, address()));
        assertTrue(notYet.detail(), notYet.detail().contains("/partner/auth/verification/resend"));

        long before = System.currentTimeMillis();
        auth.verify(token);
        PartnerAccountEntity verified = account(email);
        assertTrue(verified.isVerified());
        assertTrue(verified.getVerifiedAt() >= before);
        assertTrue(verified.getVerifiedAt() <= System.currentTimeMillis());
        assertTokenRefused(() -> auth.verify(token));

        TokenService.Issued session = auth.login(email.toUpperCase(), PASSWORD, address());
        assertTrue(session.token(), session.token().startsWith("hps_"));
        assertEquals(1800, session.expiresInSeconds());
        PartnerCaller caller = auth.authenticateSession(session.token());
        assertEquals(a.getId(), caller.partnerId());
        assertEquals(PartnerCaller.Kind.SESSION, caller.kind());
        assertNotNull(caller.credentialId());
    }

    @Test
    public void aWrongPasswordIs401WhetherTheEmailIsVerifiedOrNot() {
        String unverified = email();
        signUp(unverified, PASSWORD);
        ApiException e = refused(401, "unauthorized", () -> auth.login(unverified, OTHER_PASSWORD, address()));
        assertEquals("the email or the password is wrong", e.detail());
        String verified = email();
        verifiedAccount(verified);
        refused(401, "unauthorized", () -> auth.login(verified, OTHER_PASSWORD, address()));
        refused(401, "unauthorized", () -> auth.login(email(), PASSWORD, address()));

        assertEquals(List.of("email"), fields(refused(400, "validation-error", () -> auth.login(null, PASSWORD, "a"))));
        assertEquals(List.of("email"), fields(refused(400, "validation-error", () -> auth.login(" ", PASSWORD, "a"))));
        assertEquals(List.of("password"), fields(refused(400, "validation-error", () -> auth.login(verified, null, "a"))));
        assertEquals(List.of("password"), fields(refused(400, "validation-error", () -> auth.login(verified, "", "a"))));
    }

    @Test
    public void verifyRefusesMissingMalformedUnknownUsedExpiredAndOtherPurposeTokens() {
        assertEquals("is required", refused(400, "validation-error", () -> auth.verify(null)).errors().get(0).message());
        assertTokenRefused(() -> auth.verify("  "));
        assertTokenRefused(() -> auth.verify("nonsense"));
        assertTokenRefused(() -> auth.verify(SecretTokens.generate("hmo").plainText()));

        String email = email();
        long before = System.currentTimeMillis();
        signUp(email, PASSWORD);
        long after = System.currentTimeMillis();
        String id = account(email).getId();
        long expiresAt = Long.parseLong(rows("SELECT EXPIRESAT FROM HM_ONE_TIME_TOKEN WHERE USERID = ?"
                + " AND PURPOSE = 'PARTNER_VERIFICATION'", id).get(0));
        long hours72 = Duration.ofHours(72).toMillis();
        assertTrue("valid for 72 hours", expiresAt >= before + hours72 && expiresAt <= after + hours72);

        // the same token with another purpose, as a customer's activation token of this id would be
        String activation = db.tx(em -> tokens.oneTimeToken(em, id, OneTimeTokenEntity.Purpose.ACTIVATION,
                Duration.ofHours(1)));
        assertTokenRefused(() -> auth.verify(activation));
        String reset = db.tx(em -> tokens.oneTimeToken(em, id, OneTimeTokenEntity.Purpose.PARTNER_RESET,
                Duration.ofHours(1)));
        assertTokenRefused(() -> auth.verify(reset));
        assertFalse(account(email).isVerified());

        // 72 hours later (the services read the wall clock, so the token's expiry is moved instead)
        String token = lastToken(email, VERIFY);
        sql("UPDATE HM_ONE_TIME_TOKEN SET EXPIRESAT = " + (System.currentTimeMillis() - 1) + " WHERE USERID = '" + id
                + "' AND PURPOSE = 'PARTNER_VERIFICATION'");
        ApiException e = refused(400, "validation-error", () -> auth.verify(token));
        assertEquals("is unknown, used or expired; ask for a new one (POST /partner/auth/verification/resend)",
                e.errors().get(0).message());
        assertFalse(account(email).isVerified());
    }

    @Test
    public void aCustomerActivationNeverVerifiesAPartnerAndAPartnerTokenActivatesNoUser() {
        AuthService customers = new AuthService(db, tokens, mailer, clock);
        try {
            String email = email();
            signUp(email, PASSWORD);
            String partnerToken = lastToken(email, VERIFY);
            refused(400, "validation-error", () -> customers.activate(partnerToken, OTHER_PASSWORD));
            refused(400, "validation-error", () -> customers.confirmReset(partnerToken, OTHER_PASSWORD));
            // not spent by the customer realm's attempts
            auth.verify(partnerToken);
            assertTrue(account(email).isVerified());
        } finally {
            customers.deactivate();
        }
    }

    @Test
    public void signingUpAgainUnverifiedMailsANewTokenAndKeepsTheFirstPassword() {
        String email = email();
        signUp(email, PASSWORD);
        String first = lastToken(email, VERIFY);
        String firstHash = account(email).getPasswordHash();
        auth.signUp("Mallory Other", email.toUpperCase(), "Other Co", OTHER_PASSWORD, address());

        assertEquals(2, mails(email).size());
        String second = lastToken(email, VERIFY);
        assertNotEquals(first, second);
        assertEquals(1, accounts(email));
        PartnerAccountEntity a = account(email);
        assertEquals("the details of the first sign-up stay", "Pat Partner", a.getName());
        assertEquals("Acme Vendors", a.getCompanyName());
        assertEquals(firstHash, a.getPasswordHash());
        assertEquals("the first mail went to the address as first written", email, mails(email).get(1).to());

        assertTokenRefused(() -> auth.verify(first));
        auth.verify(second);
        refused(401, "unauthorized", () -> auth.login(email, OTHER_PASSWORD, address()));
        assertNotNull(auth.login(email, PASSWORD, address()).token());
    }

    @Test
    public void signingUpWithAVerifiedEmailMailsTheOwnerAndChangesNothing() {
        String email = email();
        verifiedAccount(email);
        PartnerAccountEntity before = account(email);
        auth.signUp("Mallory Other", email, "Other Co", OTHER_PASSWORD, address());

        List<Mail> sent = mails(email);
        assertEquals(2, sent.size());
        Mail m = sent.get(1);
        assertEquals("Your HireMarket partner account", m.subject());
        assertTrue(m.text(), m.text().startsWith("Hello Pat Partner,"));
        assertTrue(m.text(), m.text().contains("which has an account already"));
        assertFalse(m.text(), m.text().contains("hmo_"));
        assertEquals(1, accounts(email));
        PartnerAccountEntity after = account(email);
        assertEquals(before.getPasswordHash(), after.getPasswordHash());
        assertEquals(before.getName(), after.getName());
        assertEquals(before.getUpdatedAt(), after.getUpdatedAt());
        assertEquals("no new verification token", 0, Long.parseLong(rows("SELECT COUNT(*) FROM HM_ONE_TIME_TOKEN"
                + " WHERE USERID = ? AND USEDAT IS NULL", after.getId()).get(0)));
        refused(401, "unauthorized", () -> auth.login(email, OTHER_PASSWORD, address()));
        auth.login(email, PASSWORD, address());
    }

    @Test
    public void resendMailsOnlyUnverifiedAccountsAndEndsTheOldToken() {
        auth.resendVerification(email(), address());
        assertEquals("an unknown email gets nothing", 0, mailer.sent.size());

        String verified = email();
        verifiedAccount(verified);
        auth.resendVerification(verified, address());
        assertEquals(1, mails(verified).size());

        String email = email();
        signUp(email, PASSWORD);
        String first = lastToken(email, VERIFY);
        auth.resendVerification(" " + email.toUpperCase() + " ", address());
        List<Mail> sent = mails(email);
        assertEquals(2, sent.size());
        assertEquals(email, sent.get(1).to());
        assertEquals(VERIFY_SUBJECT, sent.get(1).subject());
        String second = token(sent.get(1), VERIFY);
        assertTokenRefused(() -> auth.verify(first));
        auth.verify(second);
        assertTrue(account(email).isVerified());

        assertEquals(List.of("email"), fields(refused(400, "validation-error", () -> auth.resendVerification(null, "a"))));
        assertEquals(List.of("email"), fields(refused(400, "validation-error", () -> auth.resendVerification(" ", "a"))));
        auth.resendVerification("x".repeat(250) + "@example.com", address());
        assertEquals(3, mailer.sent.size());

        // the longest email there can be is still mailed
        String longest = "x".repeat(254 - "@example.com".length() - 36) + UUID.randomUUID() + "@example.com";
        assertEquals(254, longest.length());
        signUp(longest, PASSWORD);
        auth.resendVerification(longest, address());
        assertEquals(2, mails(longest).size());
    }

    @Test
    public void oneEmailGetsAtMostThreeMailsInTheWindow() {
        String email = email();
        signUp(email, PASSWORD);
        auth.resendVerification(email, address());
        auth.resendVerification(email, address());
        assertEquals(3, mails(email).size());
        String third = lastToken(email, VERIFY);
        auth.resendVerification(email.toUpperCase(), address());
        signUp(email, PASSWORD);
        assertEquals("the same answer, no mail", 3, mails(email).size());
        auth.verify(third);

        // a new email is not limited by another's mails
        String other = email();
        signUp(other, PASSWORD);
        signUp(other, PASSWORD);
        signUp(other, PASSWORD);
        signUp(other, PASSWORD);
        assertEquals(3, mails(other).size());

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        signUp(other, PASSWORD);
        assertEquals("a new window allows a mail again", 4, mails(other).size());
    }

    @Test
    public void oneAddressIsAnswered429AfterTenRequestsOfAnyKind() {
        String from = address();
        for (int i = 0; i < 4; i++) {
            auth.signUp("Pat", email(), "Acme", PASSWORD, from);
        }
        for (int i = 0; i < 3; i++) {
            auth.resendVerification(email(), from);
            auth.requestReset(email(), from);
        }
        ApiException e = refused(429, "too-many-requests", () -> auth.signUp("Pat", email(), "Acme", PASSWORD, from));
        assertEquals("Too many requests", e.title());
        assertTrue(e.detail(), e.detail().startsWith("too many sign-ups from this address"));
        long retry = Long.parseLong(e.headers().get("Retry-After"));
        assertTrue("Retry-After " + retry, retry >= 1 && retry <= 60);
        e = refused(429, "too-many-requests", () -> auth.resendVerification(email(), from));
        assertTrue(e.detail(), e.detail().startsWith("too many verification mails"));
        e = refused(429, "too-many-requests", () -> auth.requestReset(email(), from));
        assertTrue(e.detail(), e.detail().startsWith("too many password reset requests"));
        assertEquals(4, mailer.sent.size());

        auth.signUp("Pat", email(), "Acme", PASSWORD, address());
        clock.advance(Duration.ofSeconds(61));
        auth.signUp("Pat", email(), "Acme", PASSWORD, from);
        assertEquals(6, mailer.sent.size());
    }

    @Test
    public void fiveFailedLoginsPauseTheAccountEvenForTheRightPassword() {
        String email = email();
        verifiedAccount(email);
        for (int i = 0; i < 4; i++) {
            refused(401, "unauthorized", () -> auth.login(email, OTHER_PASSWORD, address()));
        }
        // a success forgets the failures
        auth.login(email, PASSWORD, address());
        for (int i = 0; i < 5; i++) {
            refused(401, "unauthorized", () -> auth.login(email, OTHER_PASSWORD, address()));
        }
        ApiException e = refused(429, "too-many-requests", () -> auth.login(email.toUpperCase(), PASSWORD, address()));
        assertTrue(e.detail(), e.detail().startsWith("too many failed logins"));
        long retry = Long.parseLong(e.headers().get("Retry-After"));
        assertTrue("Retry-After " + retry, retry >= 1 && retry <= 900);

        // another account is not paused
        String other = email();
        verifiedAccount(other);
        auth.login(other, PASSWORD, address());
    }

    @Test
    public void theLoginLimitOfTheCustomerRealmIsNotThePartners() {
        // the same email in both realms: failures of one do not pause the other
        String email = email();
        verifiedAccount(email);
        AuthService customers = new AuthService(db, tokens, mailer, clock);
        try {
            for (int i = 0; i < 5; i++) {
                refused(401, "unauthorized", () -> customers.login(email, PASSWORD, address()));
            }
            refused(429, "too-many-requests", () -> customers.login(email, PASSWORD, address()));
            auth.login(email, PASSWORD, address());
        } finally {
            customers.deactivate();
        }
    }

    // ------------------------------------------------------------------------------ password reset

    @Test
    public void onlyAVerifiedAccountGetsAResetMail() {
        String unverified = email();
        signUp(unverified, PASSWORD);
        auth.requestReset(unverified, address());
        auth.requestReset(email(), address());
        assertEquals(1, mailer.sent.size());
        assertEquals(List.of("email"), fields(refused(400, "validation-error", () -> auth.requestReset(" ", "a"))));

        String email = email();
        verifiedAccount(email);
        auth.requestReset(email.toUpperCase(), address());
        List<Mail> sent = mails(email);
        assertEquals(2, sent.size());
        assertEquals("Reset your HireMarket partner password", sent.get(1).subject());
        assertTrue(sent.get(1).text(), sent.get(1).text().startsWith("Hello Pat Partner,"));
        assertTrue(sent.get(1).text(), sent.get(1).text().contains(mailer.publicUrl()
                + "/api/v1/partner/auth/password-reset/confirm"));
        assertNotNull(token(sent.get(1), RESET));
    }

    @Test
    public void aResetSetsThePasswordEndsEverySessionAndEveryOtherMailedToken() throws Exception {
        String email = email();
        String id = verifiedAccount(email);
        String session = auth.login(email, PASSWORD, address()).token();
        auth.requestReset(email, address());
        String first = lastToken(email, RESET);
        auth.requestReset(email, address());
        String second = lastToken(email, RESET);

        // a weak password is refused before the token is spent
        ApiException weak = refused(400, "validation-error", () -> auth.confirmReset(second, "short"));
        assertEquals(List.of("password"), fields(weak));
        assertTokenRefused(() -> auth.confirmReset(null, OTHER_PASSWORD));
        assertTokenRefused(() -> auth.confirmReset(" ", OTHER_PASSWORD));

        long before = System.currentTimeMillis();
        auth.confirmReset(second, OTHER_PASSWORD);
        assertTrue(account(email).getUpdatedAt() >= before);
        assertEquals("the access token has been revoked", refusedSession(session));
        assertTokenRefused(() -> auth.confirmReset(first, PASSWORD));
        assertTokenRefused(() -> auth.confirmReset(second, PASSWORD));
        refused(401, "unauthorized", () -> auth.login(email, PASSWORD, address()));
        assertEquals(id, auth.authenticateSession(auth.login(email, OTHER_PASSWORD, address()).token()).partnerId());
    }

    @Test
    public void resetTokensOfOneRealmDoNothingInTheOther() {
        String email = email();
        String id = verifiedAccount(email);
        String customerReset = db.tx(em -> tokens.oneTimeToken(em, id, OneTimeTokenEntity.Purpose.PASSWORD_RESET,
                Duration.ofHours(1)));
        assertTokenRefused(() -> auth.confirmReset(customerReset, OTHER_PASSWORD));
        String verification = db.tx(em -> tokens.oneTimeToken(em, id, OneTimeTokenEntity.Purpose.PARTNER_VERIFICATION,
                Duration.ofHours(1)));
        assertTokenRefused(() -> auth.confirmReset(verification, OTHER_PASSWORD));
        auth.login(email, PASSWORD, address());

        auth.requestReset(email, address());
        String partnerReset = lastToken(email, RESET);
        AuthService customers = new AuthService(db, tokens, mailer, clock);
        try {
            refused(400, "validation-error", () -> customers.confirmReset(partnerReset, OTHER_PASSWORD));
        } finally {
            customers.deactivate();
        }
        auth.confirmReset(partnerReset, OTHER_PASSWORD);
        auth.login(email, OTHER_PASSWORD, address());
    }

    // ------------------------------------------------------------------------------ sessions

    @Test
    public void logoutEndsTheSessionAndATokenCallerCannotLogOut() throws Exception {
        String email = email();
        String id = verifiedAccount(email);
        String bearer = auth.login(email, PASSWORD, address()).token();
        PartnerCaller caller = auth.authenticateSession(bearer);
        ApiException e = refused(400, "bad-request", () -> auth.logout(TestPartners.withToken(id)));
        assertTrue(e.detail(), e.detail().contains("revoke Marketplace API tokens"));
        auth.authenticateSession(bearer);
        auth.logout(caller);
        assertEquals("the access token has been revoked", refusedSession(bearer));
    }

    @Test
    public void partnerSessionsAndCustomerCredentialsNeverCross() throws Exception {
        String email = email();
        String id = verifiedAccount(email);
        String partnerSession = auth.login(email, PASSWORD, address()).token();
        assertEquals("the access token is malformed", refusedCustomer(partnerSession));

        String customerSession = TestSessions.session(db, tokens, "company-x", SystemRole.ADMINISTRATOR);
        tokens.authenticate(customerSession);
        assertEquals("the access token is malformed", refusedSession(customerSession));
        assertEquals("the access token is malformed", refusedSession("garbage"));
        assertEquals("the access token is unknown", refusedSession(SecretTokens.generate("hps").plainText()));

        // a partner session stored under a customer prefix (as a bug might issue it) is still unknown to customers
        SecretTokens.Generated g = SecretTokens.generate(TokenService.SESSION_PREFIX);
        db.tx(em -> {
            em.persist(new AccessTokenEntity(UUID.randomUUID().toString(), g.id(), g.hash(), AccessTokenEntity.Kind.PARTNER,
                    id, id, null, System.currentTimeMillis() + 60_000));
            return null;
        });
        assertEquals("the access token is unknown", refusedCustomer(g.plainText()));
        // and a customer session stored under the partner prefix is unknown to partners
        SecretTokens.Generated h = SecretTokens.generate(TokenService.PARTNER_SESSION_PREFIX);
        db.tx(em -> {
            em.persist(new AccessTokenEntity(UUID.randomUUID().toString(), h.id(), h.hash(), AccessTokenEntity.Kind.SESSION,
                    "company-x", id, null, System.currentTimeMillis() + 60_000));
            return null;
        });
        assertEquals("the access token is unknown", refusedSession(h.plainText()));

        // the partner's session expires as the customers' do
        PartnerCaller caller = auth.authenticateSession(partnerSession);
        sql("UPDATE HM_ACCESS_TOKEN SET EXPIRESAT = " + (System.currentTimeMillis() - 1) + " WHERE ID = '"
                + caller.credentialId() + "'");
        assertEquals("the access token has expired", refusedSession(partnerSession));

        // Marketplace API tokens are no sessions, and sessions no Marketplace API tokens
        CreatedToken api = auth.createToken(TestPartners.signedIn(id), "ci");
        assertEquals("the access token is malformed", refusedSession(api.token()));
        assertEquals("the access token is malformed", refusedCustomer(api.token()));
        String live = auth.login(email, PASSWORD, address()).token();
        assertEquals(Optional.empty(), auth.authenticateToken(live));
        assertEquals(Optional.empty(), auth.authenticateToken(customerSession));
    }

    // ------------------------------------------------------------------------------ Marketplace API tokens

    @Test
    public void aTokenIsShownOnceStoredHashedAndAuthenticatesItsPartner() {
        String id = TestPartners.verified(db, email(), "Acme");
        PartnerCaller me = TestPartners.signedIn(id);
        long before = System.currentTimeMillis();
        CreatedToken created = auth.createToken(me, null);
        String secret = created.token();
        assertTrue(secret, secret.startsWith("hmp_"));
        assertEquals("CreatedToken[" + created.info().id() + "]", created.toString());
        MarketplaceTokenInfo info = created.info();
        assertEquals("Marketplace API token", info.name());
        assertEquals("hmp_" + SecretTokens.idOf("hmp", secret).get(), info.prefix());
        assertTrue(secret.startsWith(info.prefix() + "_"));
        assertTrue(info.createdAt() >= before && info.createdAt() <= System.currentTimeMillis());
        assertNull(info.lastUsedAt());
        assertNull(info.revokedAt());

        List<String> row = rows("SELECT * FROM HM_PARTNER_TOKEN WHERE ID = ?", info.id());
        assertEquals(1, row.size());
        String secretPart = secret.substring(secret.lastIndexOf('_') + 1);
        assertFalse(row.get(0), row.get(0).contains(secretPart));
        assertTrue(row.get(0), row.get(0).contains(SecretTokens.hash(secret)));

        assertEquals(List.of(info), auth.tokens(me));
        assertEquals("the token's caller may list", List.of(info), auth.tokens(TestPartners.withToken(id)));

        PartnerCaller caller = auth.authenticateToken(secret).orElseThrow();
        assertEquals(new PartnerCaller(id, info.id(), PartnerCaller.Kind.TOKEN), caller);
        assertEquals("surrounding blanks are no part of it", caller, auth.authenticateToken(" " + secret + " ").get());
        assertNotNull(auth.tokens(me).get(0).lastUsedAt());

        CreatedToken named = auth.createToken(me, "  Build server ");
        assertEquals("Build server", named.info().name());
        assertEquals(List.of("name"), fields(refused(400, "validation-error", () -> auth.createToken(me, " "))));
        assertEquals(List.of("name"), fields(refused(400, "validation-error",
                () -> auth.createToken(me, "n".repeat(101)))));
        assertEquals(2, auth.tokens(me).size());
    }

    @Test
    public void aRevokedTokenEndsAtOnceAndAnotherPartnersTokenIsNotFound() {
        String a = TestPartners.verified(db, email(), "A");
        String b = TestPartners.verified(db, email(), "B");
        CreatedToken mine = auth.createToken(TestPartners.signedIn(a), "mine");
        CreatedToken theirs = auth.createToken(TestPartners.signedIn(b), "theirs");

        ApiException e = refused(404, "not-found", () -> auth.revokeToken(TestPartners.signedIn(a), theirs.info().id()));
        assertEquals("token '" + theirs.info().id() + "' does not exist", e.detail());
        refused(404, "not-found", () -> auth.revokeToken(TestPartners.signedIn(a), null));
        refused(404, "not-found", () -> auth.revokeToken(TestPartners.signedIn(a), "no-such-token"));
        assertTrue(auth.authenticateToken(theirs.token()).isPresent());
        assertNull(auth.tokens(TestPartners.signedIn(b)).get(0).revokedAt());
        assertEquals("a partner lists its own tokens only", List.of("mine"),
                auth.tokens(TestPartners.signedIn(a)).stream().map(MarketplaceTokenInfo::name).toList());

        long before = System.currentTimeMillis();
        auth.revokeToken(TestPartners.signedIn(a), mine.info().id());
        assertEquals(Optional.empty(), auth.authenticateToken(mine.token()));
        Long revokedAt = auth.tokens(TestPartners.signedIn(a)).get(0).revokedAt();
        assertTrue(revokedAt >= before);
        auth.revokeToken(TestPartners.signedIn(a), mine.info().id());
        assertEquals("revoking again changes nothing", revokedAt, auth.tokens(TestPartners.signedIn(a)).get(0).revokedAt());
        assertTrue(auth.authenticateToken(theirs.token()).isPresent());
    }

    @Test
    public void aTokenCallerCannotCreateOrRevokeTokens() {
        String id = TestPartners.verified(db, email(), "Acme");
        CreatedToken t = auth.createToken(TestPartners.signedIn(id), "t");
        PartnerCaller viaToken = auth.authenticateToken(t.token()).orElseThrow();
        ApiException e = refused(403, "session-required", () -> auth.createToken(viaToken, "more"));
        assertEquals("sign in to the Partner Portal to create Marketplace API tokens; a Marketplace API token cannot",
                e.detail());
        refused(403, "session-required", () -> auth.revokeToken(viaToken, t.info().id()));
        assertEquals(1, auth.tokens(viaToken).size());
        assertTrue(auth.authenticateToken(t.token()).isPresent());
    }

    @Test
    public void aPartnerHoldsAtMostTwentyLiveTokens() {
        String id = TestPartners.verified(db, email(), "Acme");
        PartnerCaller me = TestPartners.signedIn(id);
        List<CreatedToken> made = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            made.add(auth.createToken(me, "t" + i));
        }
        ApiException e = refused(409, "too-many-tokens", () -> auth.createToken(me, "one more"));
        assertTrue(e.detail(), e.detail().contains("at most 20 live"));
        assertEquals(20, auth.tokens(me).size());
        // another partner is not limited by these
        auth.createToken(TestPartners.signedIn(TestPartners.verified(db, email(), "Other")), "x");

        auth.revokeToken(me, made.get(3).info().id());
        auth.createToken(me, "after a revoke");
        assertEquals("revoked tokens stay listed", 21, auth.tokens(me).size());
        refused(409, "too-many-tokens", () -> auth.createToken(me, "one more"));
    }

    @Test
    public void lastUsedAtIsWrittenAtMostOncePerMinute() {
        String id = TestPartners.verified(db, email(), "Acme");
        CreatedToken t = auth.createToken(TestPartners.signedIn(id), "t");
        auth.authenticateToken(t.token());
        long first = auth.tokens(TestPartners.signedIn(id)).get(0).lastUsedAt();

        long recent = System.currentTimeMillis() - 50_000;
        sql("UPDATE HM_PARTNER_TOKEN SET LASTUSEDAT = " + recent + " WHERE ID = '" + t.info().id() + "'");
        auth.authenticateToken(t.token());
        assertEquals("used again within the minute: not written", Long.valueOf(recent),
                auth.tokens(TestPartners.signedIn(id)).get(0).lastUsedAt());

        long old = System.currentTimeMillis() - 61_000;
        sql("UPDATE HM_PARTNER_TOKEN SET LASTUSEDAT = " + old + " WHERE ID = '" + t.info().id() + "'");
        auth.authenticateToken(t.token());
        long now = auth.tokens(TestPartners.signedIn(id)).get(0).lastUsedAt();
        assertTrue(now >= first);
    }

    @Test
    public void authenticateTokenRefusesEverythingButALiveMarketplaceToken() {
        String id = TestPartners.verified(db, email(), "Acme");
        CreatedToken t = auth.createToken(TestPartners.signedIn(id), "t");
        String secret = t.token();
        assertEquals(Optional.empty(), auth.authenticateToken(null));
        assertEquals(Optional.empty(), auth.authenticateToken(""));
        assertEquals(Optional.empty(), auth.authenticateToken("hmp_garbage"));
        // the right id with another secret
        String forged = secret.substring(0, secret.lastIndexOf('_') + 1) + "A".repeat(43);
        assertEquals(Optional.empty(), auth.authenticateToken(forged));
        // the same token under other prefixes: a customer API key, an access token
        String rest = secret.substring(3);
        assertEquals(Optional.empty(), auth.authenticateToken("hm" + rest));
        assertEquals(Optional.empty(), auth.authenticateToken("hma" + rest));
        assertEquals(Optional.empty(), auth.authenticateToken(SecretTokens.generate("hm").plainText()));
        assertEquals(Optional.empty(), auth.authenticateToken(SecretTokens.generate("hmp").plainText()));
        assertNull("a forged token does not mark the real one used", auth.tokens(TestPartners.signedIn(id)).get(0)
                .lastUsedAt());
        assertTrue(auth.authenticateToken(secret).isPresent());
    }

    @Test
    public void theMailTextsQuoteTheNameAndTheTokenOnly() {
        String v = PartnerAuthService.verificationText("Pat", "https://host", "hmo_x");
        assertTrue(v, v.contains("Verification token: hmo_x\n"));
        assertTrue(v, v.contains("POST https://host/api/v1/partner/auth/verification"));
        String r = PartnerAuthService.resetText("Pat", "https://host", "hmo_y");
        assertTrue(r, r.contains("Reset token: hmo_y\n"));
        assertTrue(r, r.contains("{\"token\": \"hmo_y\", \"password\": \"<your new password>\"}"));
        assertTrue(PartnerAuthService.alreadyText("Pat").startsWith("Hello Pat,"));
    }

    @Test
    public void inProductionTheMailIsSentByTheBackgroundWorker() {
        PartnerAuthService real = TestPartners.auth(db, tokens, mailer);
        try {
            String email = email();
            real.signUp("Pat", email, "Acme", PASSWORD, address());
            IdentityFixture.await("the verification mail", () -> mails(email).size() == 1);
            Thread sender = mails(email).get(0).thread();
            assertEquals("hiremarket-partner-accounts", sender.getName());
            assertTrue(sender.isDaemon());
        } finally {
            real.deactivate();
        }
        String late = email();
        real.signUp("Pat", late, "Acme", PASSWORD, address());
        assertEquals("a stopped service sends nothing and answers the same", 0, mails(late).size());
        assertEquals(0, accounts(late));
    }

    @Test
    public void aFailingMailerDoesNotChangeTheAnswer() {
        PartnerAuthService failing = new PartnerAuthService(db, tokens, new org.hiremarket.core.internal.mail.Mailer(IdentityFixture.config(
                org.hiremarket.core.internal.mail.MailConfig.class, Map.of())) {
            @Override
            public void send(String to, String subject, String text) {
                throw new IllegalStateException("the outbox is full");
            }
        }, clock, Runnable::run);
        try {
            String email = email();
            failing.signUp("Pat", email, "Acme", PASSWORD, address());
            assertEquals("the account is stored before the mail", 1, accounts(email));
        } catch (RuntimeException e) {
            fail("the failure reached the caller: " + e);
        } finally {
            failing.deactivate();
        }
    }
}
