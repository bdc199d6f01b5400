package org.hiremarket.core.internal.rest;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.OpenAPI;

/** Serves the OpenAPI 3 document of the API, built once from the resource classes. */
@Path("/")
@Public
@Hidden
public class OpenApiResource {

    private final List<Object> resources;
    private volatile String json;
    private volatile String yaml;

    OpenApiResource(List<Object> resources) {
        this.resources = resources;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json() throws Exception {
        if (json == null) {
            json = Json.pretty().writeValueAsString(document());
        }
        return json;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public String yaml() throws Exception {
        if (yaml == null) {
            yaml = Yaml.pretty().writeValueAsString(document());
        }
        return yaml;
    }

    private synchronized OpenAPI document() {
        return OpenApi.build(resources);
    }
}
