package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.AuthService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.TokenService;
import org.hiremarket.core.internal.identity.UserService;
import org.hiremarket.core.internal.identity.UserViews.UserView;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** People signing in and out, setting and resetting passwords. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** {@code companyId}: only for a person who is a user of several companies with one email (409 {@code company-required}). */
    public record LoginRequest(@Schema(required = true, format = "email") String email, @Schema(required = true) String password, String companyId) {
    }

    public record PasswordRequest(@Schema(required = true) String token, @Schema(required = true) String password) {
    }

    public record ResetRequest(@Schema(required = true, format = "email") String email) {
    }

    /** A session: send {@code accessToken} as {@code Authorization: Bearer}. */
    public record Session(@Schema(required = true) String accessToken, @Schema(required = true) String tokenType, @Schema(required = true) long expiresIn) {
    }

    private final AuthService auth;
    private final TokenService tokens;
    private final UserService users;

    AuthResource(AuthService auth, TokenService tokens, UserService users) {
        this.auth = auth;
        this.tokens = tokens;
        this.users = users;
    }

    @POST
    @Path("/login")
    @Public
    @ApiResponse(responseCode = "200", description = "A session", content = @Content(schema = @Schema(implementation = Session.class)))
    public Response login(@Context HttpServletRequest http, LoginRequest body) {
        LoginRequest b = Params.body(body);
        TokenService.Issued s = auth.login(b.email(), b.password(), b.companyId(), http.getRemoteAddr());
        return noStore(Response.ok(new Session(s.token(), "Bearer", s.expiresInSeconds())));
    }

    @POST
    @Path("/logout")
    @ApiResponse(responseCode = "204", description = "The session ended")
    public Response logout(@Context Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            throw ApiException.badRequest("only a person's session can log out; revoke API keys and clients instead");
        }
        tokens.revoke(caller.credentialId());
        return Response.noContent().build();
    }

    /** What an API key or OAuth client is allowed: its company, its kind and its scopes. */
    public record CredentialInfo(@Schema(required = true) String companyId,
            @Schema(required = true, allowableValues = { "API_KEY", "OAUTH_CLIENT" }) String credential,
            @Schema(required = true) List<String> scopes) {
    }

    /** Who the session belongs to: the person for a session, the credential for an API key or OAuth token. */
    @GET
    @Path("/me")
    @ApiResponse(responseCode = "200", description = "The signed-in person (a session) or the credential (an API key"
            + " or OAuth token)", content = @Content(schema = @Schema(oneOf = { UserView.class, CredentialInfo.class })))
    public Object me(@Context Caller caller) {
        if (caller.kind() == Caller.Kind.USER) {
            return users.get(caller, caller.userId());
        }
        return new CredentialInfo(caller.companyId(), caller.kind().name(),
                caller.scopes().stream().map(s -> s.wire()).sorted().toList());
    }

    @POST
    @Path("/activate")
    @Public
    @ApiResponse(responseCode = "204", description = "The account is active; sign in with the password")
    public Response activate(PasswordRequest body) {
        PasswordRequest b = Params.body(body);
        auth.activate(b.token(), b.password());
        return Response.noContent().build();
    }

    @POST
    @Path("/password-reset")
    @Public
    @ApiResponse(responseCode = "202", description = "Accepted: a reset mail goes out if the email belongs to an active user (the same answer either way)")
    public Response requestReset(@Context HttpServletRequest http, ResetRequest body) {
        auth.requestReset(Params.body(body).email(), http.getRemoteAddr());
        // the same answer, in the same time, whether or not the email is known or its mails are throttled
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @Public
    @ApiResponse(responseCode = "204", description = "The password was changed; sign in with it")
    public Response confirmReset(PasswordRequest body) {
        PasswordRequest b = Params.body(body);
        auth.confirmReset(b.token(), b.password());
        return Response.noContent().build();
    }

    static Response noStore(Response.ResponseBuilder b) {
        return b.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
