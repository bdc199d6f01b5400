package org.hiremarket.core.internal.rest;

import java.net.URI;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.company.ApiKeyInfo;
import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.CredentialService;
import org.hiremarket.core.internal.identity.CredentialService.ClientView;
import org.hiremarket.core.internal.identity.CredentialService.CreatedClient;
import org.hiremarket.core.internal.identity.Scope;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;

/** The credential manager: API keys and OAuth clients. Administrators and API keys only. */
@Path("/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Requires(Scope.CREDENTIALS_MANAGE)
public class CredentialResource {

    public record NewApiKey(@Schema(required = true) String label) {
    }

    /** An API key just created: {@code apiKey} is shown this once. */
    public record CreatedApiKey(@Schema(required = true) String id, @Schema(required = true) String keyId, @Schema(required = true) String label, @Schema(required = true) String apiKey) {
    }

    public record NewClient(@Schema(required = true) String name, List<String> scopes) {
    }

    private final CompanyService companies;
    private final CredentialService credentials;

    CredentialResource(CompanyService companies, CredentialService credentials) {
        this.companies = companies;
        this.credentials = credentials;
    }

    @GET
    @Path("/api-keys")
    public List<ApiKeyInfo> apiKeys(@Context Caller caller) {
        return companies.listApiKeys(caller.companyId());
    }

    @POST
    @Path("/api-keys")
    @ApiResponse(responseCode = "201", description = "The API key; apiKey is shown this once", content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    public Response createApiKey(@Context Caller caller, @Context UriInfo uri, NewApiKey body) {
        String label = Params.body(body).label();
        if (label == null || label.isBlank() || label.length() > 200) {
            throw org.hiremarket.core.internal.common.ApiException.validation("label", "1 to 200 characters: what the key is for");
        }
        CompanyService.CreatedKey k = companies.createApiKey(caller.companyId(), label.trim());
        return AuthResource.noStore(Response.created(URI.create(uri.getAbsolutePath() + "/" + k.key().id()))
                .entity(new CreatedApiKey(k.key().id(), k.key().keyId(), k.key().label(), k.plainKey())));
    }

    @DELETE
    @Path("/api-keys/{id}")
    public ApiKeyInfo revokeApiKey(@Context Caller caller, @PathParam("id") String id) {
        return companies.revokeApiKey(caller.companyId(), id);
    }

    @GET
    @Path("/oauth-clients")
    public List<ClientView> clients(@Context Caller caller) {
        return credentials.listClients(caller);
    }

    @POST
    @Path("/oauth-clients")
    @ApiResponse(responseCode = "201", description = "The OAuth client; clientSecret is shown this once", content = @Content(schema = @Schema(implementation = CreatedClient.class)))
    public Response createClient(@Context Caller caller, @Context UriInfo uri, NewClient body) {
        NewClient b = Params.body(body);
        CreatedClient c = credentials.createClient(caller, b.name(), b.scopes());
        return AuthResource.noStore(Response.created(URI.create(uri.getAbsolutePath() + "/" + c.clientId())).entity(c));
    }

    @DELETE
    @Path("/oauth-clients/{clientId}")
    public ClientView revokeClient(@Context Caller caller, @PathParam("clientId") String clientId) {
        return credentials.revokeClient(caller, clientId);
    }
}
