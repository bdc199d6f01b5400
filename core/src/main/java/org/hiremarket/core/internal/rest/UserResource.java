package org.hiremarket.core.internal.rest;

import java.net.URI;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.identity.SystemRole;
import org.hiremarket.core.internal.identity.UserService;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.hiremarket.core.internal.identity.UserViews.UpdateUser;
import org.hiremarket.core.internal.identity.UserViews.UserView;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The people of the caller's company. */
@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService users;

    UserResource(UserService users) {
        this.users = users;
    }

    @POST
    @Requires(Scope.USERS_MANAGE)
    @ApiResponse(responseCode = "201", description = "The user, created (signIn says whether they can sign in yet)", content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response create(@Context Caller caller, @Context UriInfo uri, CreateUser body) {
        UserView u = users.create(caller, Params.body(body));
        return Response.created(URI.create(uri.getAbsolutePath() + "/" + u.id())).entity(u).build();
    }

    @GET
    @Requires(Scope.USERS_READ)
    public Page<UserView> list(@Context Caller caller, @QueryParam("systemRole") String role,
            @QueryParam("active") String active, @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return users.list(caller, Params.enumValue("systemRole", role, SystemRole.class), bool("active", active),
                Params.page(offset, limit));
    }

    @GET
    @Path("/{id}")
    @Requires(Scope.USERS_READ)
    public UserView get(@Context Caller caller, @PathParam("id") String id) {
        return users.get(caller, id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Requires(Scope.USERS_MANAGE)
    public UserView update(@Context Caller caller, @PathParam("id") String id, UpdateUser body) {
        return users.update(caller, id, Params.body(body));
    }

    @POST
    @Path("/{id}/deactivate")
    @Requires(Scope.USERS_MANAGE)
    public UserView deactivate(@Context Caller caller, @PathParam("id") String id) {
        return users.setActive(caller, id, false);
    }

    @POST
    @Path("/{id}/reactivate")
    @Requires(Scope.USERS_MANAGE)
    public UserView reactivate(@Context Caller caller, @PathParam("id") String id) {
        return users.setActive(caller, id, true);
    }

    private static Boolean bool(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiException.validation(name, "must be true or false");
        };
    }
}
