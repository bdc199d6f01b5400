package org.hiremarket.core.internal.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.SecretTokens;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * OAuth 2.0 client credentials of a company (created, listed and revoked by administrators) and the
 * token exchange of RFC 6749 §4.4.
 */
@Component(service = CredentialService.class)
public class CredentialService {

    static final String CLIENT_SECRET_PREFIX = "hmc";

    /** A client as listed: never its secret. */
    public record ClientView(@Schema(required = true) String clientId, @Schema(required = true) String name, @Schema(required = true) List<String> scopes, @Schema(required = true) Instant createdAt, Instant revokedAt) {
        static ClientView of(OAuthClientEntity c) {
            return new ClientView(c.getClientId(), c.getName(), List.of(c.getScopes().split(" ")),
                    Instant.ofEpochMilli(c.getCreatedAt()),
                    c.getRevokedAt() == null ? null : Instant.ofEpochMilli(c.getRevokedAt()));
        }
    }

    /** A client just created: {@code clientSecret} is shown this once. */
    public record CreatedClient(@Schema(required = true) String clientId, @Schema(required = true) String clientSecret, @Schema(required = true) String name, @Schema(required = true) List<String> scopes,
            @Schema(required = true) Instant createdAt) {
    }

    /** An RFC 6749 §5.2 error of the token endpoint. */
    public static final class OAuthError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String error;
        private final int status;

        OAuthError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public String error() {
            return error;
        }

        public int status() {
            return status;
        }
    }

    private final Database db;
    private final TokenService tokens;

    @Activate
    public CredentialService(@Reference Database db, @Reference TokenService tokens) {
        this.db = db;
        this.tokens = tokens;
    }

    public CreatedClient createClient(Caller caller, String name, List<String> scopeNames) {
        List<FieldError> errors = new ArrayList<>();
        String n = UserService.name(errors, "name", name);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (scopeNames == null || scopeNames.isEmpty()) {
            errors.add(new FieldError("scopes", "choose at least one scope"));
        } else {
            for (String s : scopeNames) {
                Optional<Scope> scope = Scope.fromWire(s);
                if (scope.isEmpty() || !scope.get().grantableToClients()) {
                    errors.add(new FieldError("scopes", "'" + s + "' is not a scope a client may have; choose from "
                            + grantable()));
                } else {
                    scopes.add(scope.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        SecretTokens.Generated secret = SecretTokens.generate(CLIENT_SECRET_PREFIX);
        String clientId = "hmclient_" + secret.id();
        long now = System.currentTimeMillis();
        db.tx(em -> {
            em.persist(new OAuthClientEntity(clientId, caller.companyId(), n, TokenService.wire(scopes), secret.hash(),
                    now));
            return null;
        });
        return new CreatedClient(clientId, secret.plainText(), n, List.of(TokenService.wire(scopes).split(" ")),
                Instant.ofEpochMilli(now));
    }

    public List<ClientView> listClients(Caller caller) {
        return db.tx(em -> em.createNamedQuery("OAuthClient.byCompany", OAuthClientEntity.class)
                .setParameter("companyId", caller.companyId()).getResultList().stream().map(ClientView::of).toList());
    }

    /** Revokes a client and every access token it holds. */
    public ClientView revokeClient(Caller caller, String clientId) {
        return db.tx(em -> {
            OAuthClientEntity c = clientId == null ? null : em.find(OAuthClientEntity.class, clientId);
            if (c == null || !c.getCompanyId().equals(caller.companyId())) {
                throw ApiException.notFound("OAuth client", clientId);
            }
            if (c.getRevokedAt() == null) {
                c.revoke(System.currentTimeMillis());
                tokens.revokeSubject(em, c.getClientId());
            }
            return ClientView.of(c);
        });
    }

    /**
     * The client credentials grant: authenticates the client and issues an access token with the
     * requested scopes (all of the client's when none are asked for).
     */
    public TokenService.Issued exchange(String clientId, String clientSecret, String scopeParam) throws OAuthError {
        Object out = db.tx(em -> {
            OAuthClientEntity c = clientId == null ? null : em.find(OAuthClientEntity.class, clientId);
            boolean ok = c != null && clientSecret != null && c.getRevokedAt() == null
                    && SecretTokens.matches(clientSecret, c.getSecretHash());
            if (!ok) {
                return new OAuthError(401, "invalid_client", "client authentication failed");
            }
            Set<Scope> allowed = TokenService.parse(c.getScopes());
            Set<Scope> granted = allowed;
            if (scopeParam != null && !scopeParam.isBlank()) {
                granted = EnumSet.noneOf(Scope.class);
                for (String s : scopeParam.trim().split(" +")) {
                    Optional<Scope> scope = Scope.fromWire(s);
                    if (scope.isEmpty() || !allowed.contains(scope.get())) {
                        return new OAuthError(400, "invalid_scope", "scope '" + s + "' is unknown or not granted to this client");
                    }
                    granted.add(scope.get());
                }
            }
            return tokens.issueClientToken(em, c, granted);
        });
        if (out instanceof OAuthError e) {
            throw e;
        }
        return (TokenService.Issued) out;
    }

    static String grantable() {
        return Arrays.stream(Scope.values()).filter(Scope::grantableToClients).map(Scope::wire)
                .collect(Collectors.joining(", "));
    }
}
