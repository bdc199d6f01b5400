package org.hiremarket.core.internal.identity;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.persistence.CacheSettings;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Bearer tokens (OAuth access tokens of clients, sessions of people) and the single-use tokens
 * mailed to people. Tokens are random, shown once, and stored only as SHA-256 hashes.
 */
@Component(service = TokenService.class, configurationPid = IdentityConfig.PID)
@Designate(ocd = IdentityConfig.class)
public class TokenService {

    public static final String ACCESS_PREFIX = "hma";
    public static final String SESSION_PREFIX = "hms";
    /** A partner's (vendor's) session: works on the partner API only. */
    public static final String PARTNER_SESSION_PREFIX = "hps";
    static final String ONE_TIME_PREFIX = "hmo";

    /** A token issued just now: shown once. */
    public record Issued(String token, long expiresInSeconds, Set<Scope> scopes) {
        @Override
        public String toString() {
            return "Issued[" + expiresInSeconds + "s]";
        }
    }

    /** Why a bearer token was not accepted, for {@code error_description}. */
    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(String message) {
            super(message);
        }
    }

    private final Database db;
    private final IdentityConfig config;

    @Activate
    public TokenService(@Reference Database db, IdentityConfig config) {
        this.db = db;
        this.config = config;
    }

    public IdentityConfig config() {
        return config;
    }

    Issued issueClientToken(EntityManager em, OAuthClientEntity client, Set<Scope> scopes) {
        SecretTokens.Generated g = SecretTokens.generate(ACCESS_PREFIX);
        long ttl = Math.min(3600, config.access_token_seconds());
        em.persist(new AccessTokenEntity(Ids.newId(), g.id(), g.hash(), AccessTokenEntity.Kind.CLIENT,
                client.getCompanyId(), client.getClientId(), wire(scopes), System.currentTimeMillis() + ttl * 1000));
        return new Issued(g.plainText(), ttl, scopes);
    }

    Issued issueSession(EntityManager em, UserEntity user) {
        SecretTokens.Generated g = SecretTokens.generate(SESSION_PREFIX);
        long ttl = config.session_seconds();
        em.persist(new AccessTokenEntity(Ids.newId(), g.id(), g.hash(), AccessTokenEntity.Kind.SESSION,
                user.getCompanyId(), user.getId(), null, System.currentTimeMillis() + ttl * 1000));
        return new Issued(g.plainText(), ttl, user.getRole().scopes());
    }

    /** Opens a session of a partner account (the partner realm: {@code companyId} is the partner's id). */
    Issued issuePartnerSession(EntityManager em, String partnerId) {
        SecretTokens.Generated g = SecretTokens.generate(PARTNER_SESSION_PREFIX);
        long ttl = config.session_seconds();
        em.persist(new AccessTokenEntity(Ids.newId(), g.id(), g.hash(), AccessTokenEntity.Kind.PARTNER, partnerId,
                partnerId, null, System.currentTimeMillis() + ttl * 1000));
        return new Issued(g.plainText(), ttl, Set.of());
    }

    /** @return the partner whose live session a bearer token is; another realm's token is unknown here */
    public PartnerCaller authenticatePartnerSession(String bearer) throws InvalidToken {
        Optional<String> id = SecretTokens.idOf(PARTNER_SESSION_PREFIX, bearer);
        if (id.isEmpty()) {
            throw new InvalidToken("the access token is malformed");
        }
        Object result = db.tx(em -> {
            AccessTokenEntity t = em.createNamedQuery("AccessToken.byTokenId", AccessTokenEntity.class)
                    .setParameter("tokenId", id.get()).getResultList().stream()
                    .filter(x -> x.getKind() == AccessTokenEntity.Kind.PARTNER
                            && SecretTokens.matches(bearer, x.getTokenHash()))
                    .findFirst().orElse(null);
            if (t == null) {
                return "the access token is unknown";
            }
            if (t.getRevokedAt() != null) {
                return "the access token has been revoked";
            }
            if (t.getExpiresAt() <= System.currentTimeMillis()) {
                return "the access token has expired";
            }
            return new PartnerCaller(t.getSubjectId(), t.getId(), PartnerCaller.Kind.SESSION);
        });
        if (result instanceof String reason) {
            throw new InvalidToken(reason);
        }
        return (PartnerCaller) result;
    }

    /** @return the caller a bearer token stands for */
    public Caller authenticate(String bearer) throws InvalidToken {
        String prefix = bearer.startsWith(SESSION_PREFIX + "_") ? SESSION_PREFIX : ACCESS_PREFIX;
        Optional<String> id = SecretTokens.idOf(prefix, bearer);
        if (id.isEmpty()) {
            throw new InvalidToken("the access token is malformed");
        }
        Object result = db.tx(em -> {
            AccessTokenEntity t = em.createNamedQuery("AccessToken.byTokenId", AccessTokenEntity.class)
                    .setParameter("tokenId", id.get()).getResultList().stream()
                    .filter(x -> SecretTokens.matches(bearer, x.getTokenHash())).findFirst().orElse(null);
            if (t == null || t.getKind() == AccessTokenEntity.Kind.PARTNER) {
                // a partner's session never works on the customer API
                return "the access token is unknown";
            }
            if (t.getRevokedAt() != null) {
                return "the access token has been revoked";
            }
            if (t.getExpiresAt() <= System.currentTimeMillis()) {
                return "the access token has expired";
            }
            if (t.getKind() == AccessTokenEntity.Kind.SESSION) {
                UserEntity u = em.find(UserEntity.class, t.getSubjectId(), CacheSettings.READ_ONLY);
                if (u == null || !u.isActive()) {
                    return "the user is deactivated";
                }
                return new Caller(u.getCompanyId(), t.getId(), Caller.Kind.USER, u.getRole().scopes(), u.getId());
            }
            OAuthClientEntity c = em.find(OAuthClientEntity.class, t.getSubjectId(), CacheSettings.READ_ONLY);
            if (c == null || c.getRevokedAt() != null) {
                return "the client has been revoked";
            }
            return new Caller(t.getCompanyId(), c.getClientId(), Caller.Kind.OAUTH_CLIENT, parse(t.getScopes()), null);
        });
        if (result instanceof String reason) {
            throw new InvalidToken(reason);
        }
        return (Caller) result;
    }

    /** Revokes one bearer token (logout). */
    public void revoke(String tokenRecordId) {
        db.tx(em -> {
            AccessTokenEntity t = em.find(AccessTokenEntity.class, tokenRecordId);
            if (t != null && t.getRevokedAt() == null) {
                t.revoke(System.currentTimeMillis());
            }
            return null;
        });
    }

    /** Revokes every bearer token of a user or client. */
    void revokeSubject(EntityManager em, String subjectId) {
        em.createNamedQuery("AccessToken.revokeSubject").setParameter("at", System.currentTimeMillis())
                .setParameter("subjectId", subjectId).executeUpdate();
    }

    String oneTimeToken(EntityManager em, String userId, OneTimeTokenEntity.Purpose purpose, Duration validity) {
        SecretTokens.Generated g = SecretTokens.generate(ONE_TIME_PREFIX);
        em.persist(new OneTimeTokenEntity(Ids.newId(), g.id(), g.hash(), purpose, userId,
                System.currentTimeMillis() + validity.toMillis()));
        return g.plainText();
    }

    /** Ends every unused one-time token (activation, password reset) of a user. */
    void endOneTimeTokens(EntityManager em, String userId) {
        em.createNamedQuery("OneTimeToken.endForUser").setParameter("at", System.currentTimeMillis())
                .setParameter("userId", userId).executeUpdate();
    }

    /** @return the user a valid, unused one-time token of that purpose belongs to, marking it used */
    Optional<String> useOneTimeToken(EntityManager em, String token, OneTimeTokenEntity.Purpose purpose) {
        return SecretTokens.idOf(ONE_TIME_PREFIX, token).flatMap(id -> em
                .createNamedQuery("OneTimeToken.byTokenId", OneTimeTokenEntity.class).setParameter("tokenId", id)
                .getResultList().stream()
                .filter(t -> SecretTokens.matches(token, t.getTokenHash()) && t.getPurpose() == purpose
                        && t.getUsedAt() == null && t.getExpiresAt() > System.currentTimeMillis())
                .findFirst().map(t -> {
                    t.use(System.currentTimeMillis());
                    return t.getUserId();
                }));
    }

    static String wire(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wire).collect(Collectors.joining(" "));
    }

    static Set<Scope> parse(String wire) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        if (wire != null && !wire.isBlank()) {
            Arrays.stream(wire.trim().split(" +")).map(Scope::fromWire).flatMap(Optional::stream).forEach(out::add);
        }
        return out;
    }
}
