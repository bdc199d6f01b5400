package org.hiremarket.core.internal.rest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.UriInfo;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.OpenAPI;

/** Serves the OpenAPI 3 document of the API, built once from the resource classes. */
@Path("/")
@Public
@Hidden
public class OpenApiResource {

    private final List<Object> resources;
    private volatile OpenAPI document;
    /** The document as served to each base address (the configured public one, or the local address). */
    private final Map<String, String> served = new ConcurrentHashMap<>();

    OpenApiResource(List<Object> resources) {
        this.resources = resources;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public String json(@Context UriInfo uri) throws Exception {
        return render(uri, "json");
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public String yaml(@Context UriInfo uri) throws Exception {
        return render(uri, "yaml");
    }

    /**
     * The document with an absolute {@code servers} URL, so that an imported collection or a
     * generated client works as it is: the API's base as this request reached it, which never comes
     * from the {@code Host} header ({@link PublicBaseUriFilter}).
     */
    private String render(UriInfo uri, String format) throws Exception {
        // the absolute path is the one the trusted base was put on; the document's own name comes off
        String path = uri.getAbsolutePath().toString();
        String base = path.substring(0, path.lastIndexOf('/'));
        String key = format + " " + base;
        String text = served.get(key);
        if (text == null) {
            synchronized (this) {
                if (document == null) {
                    document = OpenApi.build(resources);
                }
                document.setServers(List.of(new Server().url(base).description("this HireMarket host")));
                text = "json".equals(format) ? Json.pretty().writeValueAsString(document)
                        : Yaml.pretty().writeValueAsString(document);
            }
            if (served.size() < 16) {
                served.put(key, text);
            }
        }
        return text;
    }
}
