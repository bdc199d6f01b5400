package org.hiremarket.core.internal.rest;

import java.util.Map;

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

/** People signing in and out, setting and resetting passwords. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    /** {@code companyId}: only for a person who is a user of several companies with one email (409 {@code company-required}). */
    public record LoginRequest(String email, String password, String companyId) {
    }

    public record PasswordRequest(String token, String password) {
    }

    public record ResetRequest(String email) {
    }

    /** A session: send {@code accessToken} as {@code Authorization: Bearer}. */
    public record Session(String accessToken, String tokenType, long expiresIn) {
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
    public Response login(@Context HttpServletRequest http, LoginRequest body) {
        LoginRequest b = Params.body(body);
        TokenService.Issued s = auth.login(b.email(), b.password(), b.companyId(), http.getRemoteAddr());
        return noStore(Response.ok(new Session(s.token(), "Bearer", s.expiresInSeconds())));
    }

    @POST
    @Path("/logout")
    public Response logout(@Context Caller caller) {
        if (caller.kind() != Caller.Kind.USER) {
            throw ApiException.badRequest("only a person's session can log out; revoke API keys and clients instead");
        }
        tokens.revoke(caller.credentialId());
        return Response.noContent().build();
    }

    /** Who the session belongs to. */
    @GET
    @Path("/me")
    public Object me(@Context Caller caller) {
        if (caller.kind() == Caller.Kind.USER) {
            return users.get(caller, caller.userId());
        }
        return Map.of("companyId", caller.companyId(), "credential", caller.kind().name(), "scopes",
                caller.scopes().stream().map(s -> s.wire()).sorted().toList());
    }

    @POST
    @Path("/activate")
    @Public
    public Response activate(PasswordRequest body) {
        PasswordRequest b = Params.body(body);
        auth.activate(b.token(), b.password());
        return Response.noContent().build();
    }

    @POST
    @Path("/password-reset")
    @Public
    public Response requestReset(@Context HttpServletRequest http, ResetRequest body) {
        auth.requestReset(Params.body(body).email(), http.getRemoteAddr());
        // the same answer, in the same time, whether or not the email is known or its mails are throttled
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @Public
    public Response confirmReset(PasswordRequest body) {
        PasswordRequest b = Params.body(body);
        auth.confirmReset(b.token(), b.password());
        return Response.noContent().build();
    }

    static Response noStore(Response.ResponseBuilder b) {
        return b.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
