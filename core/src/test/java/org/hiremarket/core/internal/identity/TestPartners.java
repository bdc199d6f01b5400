package org.hiremarket.core.internal.identity;

import java.util.UUID;

import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.persistence.Database;

/**
 * For tests outside this package: partner accounts stored directly (verified, with a password that
 * fits nothing), their sessions and Marketplace API tokens, without the sign-up's mails and hashing.
 */
public final class TestPartners {

    private TestPartners() {
    }

    /** @return the id of a new verified partner account */
    public static String verified(Database db, String email, String companyName) {
        return db.tx(em -> {
            PartnerAccountEntity p = new PartnerAccountEntity(UUID.randomUUID().toString(), "Pat Partner", email,
                    companyName, Passwords.unmatchable(), System.currentTimeMillis());
            p.verified(System.currentTimeMillis());
            em.persist(p);
            return p.getId();
        });
    }

    /** @return the id of a new partner account whose email is not verified */
    public static String unverified(Database db, String email, String companyName) {
        return db.tx(em -> {
            PartnerAccountEntity p = new PartnerAccountEntity(UUID.randomUUID().toString(), "Pat Partner", email,
                    companyName, Passwords.unmatchable(), System.currentTimeMillis());
            em.persist(p);
            return p.getId();
        });
    }

    /** @return the bearer token of a new session of the partner */
    public static String session(Database db, TokenService tokens, String partnerId) {
        return db.tx(em -> tokens.issuePartnerSession(em, partnerId).token());
    }

    /** A partner signed in (as the filter hands it to resources). */
    public static PartnerCaller signedIn(String partnerId) {
        return new PartnerCaller(partnerId, "session-of-" + partnerId, PartnerCaller.Kind.SESSION);
    }

    /** A partner's service calling with a Marketplace API token. */
    public static PartnerCaller withToken(String partnerId) {
        return new PartnerCaller(partnerId, "token-of-" + partnerId, PartnerCaller.Kind.TOKEN);
    }

    /** A partner auth service on the test's database (sign-up and reset mails go to {@code mailer}). */
    public static PartnerAuthService auth(Database db, TokenService tokens, Mailer mailer) {
        return new PartnerAuthService(db, tokens, mailer);
    }
}
