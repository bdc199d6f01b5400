package org.hiremarket.core.internal.rest;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TokenService;
import org.hiremarket.core.internal.rest.AuthResource.Session;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Partners (vendors) signing up, verifying their email, signing in and out, resetting a password. */
@Path("/partner/auth")
@PartnerApi
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartnerAuthResource {

    /** A sign-up: the person's name, the email to verify, the company and a password (the customer rules). */
    public record PartnerSignUp(@Schema(required = true) String name,
            @Schema(required = true, format = "email") String email, @Schema(required = true) String companyName,
            @Schema(required = true) String password) {
    }

    public record PartnerVerification(@Schema(required = true) String token) {
    }

    public record PartnerEmail(@Schema(required = true, format = "email") String email) {
    }

    public record PartnerLogin(@Schema(required = true, format = "email") String email,
            @Schema(required = true) String password) {
    }

    public record PartnerNewPassword(@Schema(required = true) String token, @Schema(required = true) String password) {
    }

    private final PartnerAuthService auth;

    PartnerAuthResource(PartnerAuthService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/signup")
    @Public
    @ApiResponse(responseCode = "202", description = "Accepted: a verification mail goes to the email (an email that"
            + " has an account gets a mail saying so instead; the answer is the same)")
    public Response signUp(@Context HttpServletRequest http, PartnerSignUp body) {
        PartnerSignUp b = Params.body(body);
        auth.signUp(b.name(), b.email(), b.companyName(), b.password(), http.getRemoteAddr());
        return Response.accepted().build();
    }

    @POST
    @Path("/verification")
    @Public
    @ApiResponse(responseCode = "204", description = "The email is verified; sign in")
    public Response verify(PartnerVerification body) {
        auth.verify(Params.body(body).token());
        return Response.noContent().build();
    }

    @POST
    @Path("/verification/resend")
    @Public
    @ApiResponse(responseCode = "202", description = "Accepted: a new verification mail goes out if the email has an"
            + " unverified account (the same answer either way); earlier tokens end")
    public Response resend(@Context HttpServletRequest http, PartnerEmail body) {
        auth.resendVerification(Params.body(body).email(), http.getRemoteAddr());
        return Response.accepted().build();
    }

    @POST
    @Path("/login")
    @Public
    @ApiResponse(responseCode = "200", description = "A partner session: send accessToken as Authorization: Bearer",
            content = @Content(schema = @Schema(implementation = Session.class)))
    @ApiResponse(responseCode = "401", description = "The email or the password is wrong")
    @ApiResponse(responseCode = "403", description = "The email is not verified yet (email-not-verified)")
    public Response login(@Context HttpServletRequest http, PartnerLogin body) {
        PartnerLogin b = Params.body(body);
        TokenService.Issued s = auth.login(b.email(), b.password(), http.getRemoteAddr());
        return AuthResource.noStore(Response.ok(new Session(s.token(), "Bearer", s.expiresInSeconds())));
    }

    @POST
    @Path("/logout")
    @ApiResponse(responseCode = "204", description = "The session ended")
    public Response logout(@Context PartnerCaller caller) {
        auth.logout(caller);
        return Response.noContent().build();
    }

    @POST
    @Path("/password-reset")
    @Public
    @ApiResponse(responseCode = "202", description = "Accepted: a reset mail goes out if the email belongs to a verified"
            + " partner account (the same answer either way)")
    public Response requestReset(@Context HttpServletRequest http, PartnerEmail body) {
        auth.requestReset(Params.body(body).email(), http.getRemoteAddr());
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @Public
    @ApiResponse(responseCode = "204", description = "The password was changed and every session ended; sign in with it")
    public Response confirmReset(PartnerNewPassword body) {
        PartnerNewPassword b = Params.body(body);
        auth.confirmReset(b.token(), b.password());
        return Response.noContent().build();
    }
}
