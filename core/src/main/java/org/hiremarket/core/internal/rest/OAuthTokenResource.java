package org.hiremarket.core.internal.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.identity.CredentialService;
import org.hiremarket.core.internal.identity.TokenService;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The OAuth 2.0 token endpoint, client credentials grant only (RFC 6749 §4.4). Clients authenticate
 * with HTTP Basic or with {@code client_id}/{@code client_secret} in the form, not both. Errors are
 * RFC 6749 §5.2 JSON documents.
 */
@Path("/oauth/token")
@Public
public class OAuthTokenResource {

    /** The token request's form fields (documented only: the endpoint reads the form itself). */
    @Schema(description = "application/x-www-form-urlencoded; authenticate with HTTP Basic or with client_id and"
            + " client_secret here, not both")
    public record TokenRequest(
            @Schema(required = true, allowableValues = "client_credentials") String grant_type,
            @Schema(description = "space-separated scopes, a subset of the client's; all of them when absent") String scope,
            String client_id, String client_secret) {
    }

    /** An access token: send it as {@code Authorization: Bearer}. */
    public record Token(@Schema(required = true) String access_token,
            @Schema(required = true, allowableValues = "Bearer") String token_type,
            @Schema(required = true, description = "seconds") long expires_in,
            @Schema(required = true, description = "the granted scopes, space-separated") String scope) {
    }

    /** An RFC 6749 §5.2 error. */
    public record TokenError(@Schema(required = true, allowableValues = { "invalid_request", "invalid_client",
            "invalid_scope", "unsupported_grant_type", "unauthorized_client" }) String error,
            String error_description) {
    }

    private final CredentialService credentials;

    OAuthTokenResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    /**
     * The token request. It takes any content type itself, rather than declaring
     * {@code @Consumes(application/x-www-form-urlencoded)}: RFC 6749 §3.2 and §5.2 answer a request
     * that is not a form (JSON, another type, no body) {@code invalid_request}, not the 415 a JAX-RS
     * resource would give.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenRequest.class)))
    @ApiResponse(responseCode = "200", description = "An access token",
            content = @Content(schema = @Schema(implementation = Token.class)))
    @ApiResponse(responseCode = "400", description = "invalid_request (also for a body that is not a form),"
            + " unsupported_grant_type or invalid_scope", content = @Content(schema = @Schema(implementation = TokenError.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client: unknown or revoked client, or a wrong secret",
            content = @Content(schema = @Schema(implementation = TokenError.class)))
    public Response token(@javax.ws.rs.core.Context HttpHeaders headers,
            @io.swagger.v3.oas.annotations.Parameter(hidden = true) String body) {
        MediaType type = headers.getMediaType();
        if (type == null || type.isWildcardType() || type.isWildcardSubtype()
                || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return error(400, "invalid_request", "the token request must be sent as application/x-www-form-urlencoded"
                    + (type == null ? ", and this one has no Content-Type" : ", not " + sanitise(type.toString())), false);
        }
        MultivaluedMap<String, String> form = parseForm(body == null ? "" : body);
        if (form == null) {
            return error(400, "invalid_request", "the form is not valid application/x-www-form-urlencoded", false);
        }
        return grant(headers, form);
    }

    /** @return the fields of a form body, or {@code null} if it cannot be decoded */
    static MultivaluedMap<String, String> parseForm(String body) {
        MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
        try {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.add(name, value);
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return out;
    }

    private Response grant(HttpHeaders headers, MultivaluedMap<String, String> form) {
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (e.getValue().size() > 1) {
                return error(400, "invalid_request", "parameter " + e.getKey() + " is repeated", false);
            }
        }
        String basic = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        String clientId = form.getFirst("client_id");
        String secret = form.getFirst("client_secret");
        boolean usedBasic = basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6);
        if (usedBasic) {
            if (clientId != null || secret != null) {
                return error(400, "invalid_request", "use one client authentication method, not two", false);
            }
            String[] pair = decodeBasic(basic.substring(6).trim());
            if (pair == null) {
                return error(401, "invalid_client", "malformed Basic credentials", true);
            }
            clientId = pair[0];
            secret = pair[1];
        }
        String grant = form.getFirst("grant_type");
        if (grant == null || grant.isBlank()) {
            return error(400, "invalid_request", "grant_type is required", false);
        }
        if (!grant.equals("client_credentials")) {
            return error(400, "unsupported_grant_type", "only client_credentials is supported", false);
        }
        if (clientId == null || secret == null) {
            return error(401, "invalid_client", "client authentication is required", true);
        }
        try {
            TokenService.Issued t = credentials.exchange(clientId, secret, form.getFirst("scope"));
            return AuthResource.noStore(Response.ok(new Token(t.token(), "Bearer", t.expiresInSeconds(),
                    String.join(" ", t.scopes().stream().sorted().map(s -> s.wire()).toList()))));
        } catch (CredentialService.OAuthError e) {
            return error(e.status(), e.error(), e.getMessage(), e.status() == 401);
        }
    }

    /** A media type echoed in an error: printable ASCII only, at most 100 characters. */
    private static String sanitise(String type) {
        String s = type.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String s = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            if (colon < 0) {
                return null;
            }
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding
            return new String[] { java.net.URLDecoder.decode(s.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(s.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response error(int status, String error, String description, boolean challenge) {
        Response.ResponseBuilder b = Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new TokenError(error, description))
                .header("Cache-Control", "no-store").header("Pragma", "no-cache");
        if (challenge) {
            b.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"hiremarket\"");
        }
        return b.build();
    }
}
