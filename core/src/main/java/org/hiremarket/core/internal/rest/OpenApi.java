package org.hiremarket.core.internal.rest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.ws.rs.Path;

import org.hiremarket.core.internal.identity.Scope;

import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The OpenAPI 3 document of the whole API, generated from the resource classes by swagger's
 * JAX-RS reader and served at {@code /api/v1/openapi.json} (and {@code .yaml}). The customizer adds what annotations cannot say once for all: security schemes and which operations
 * need them, tags, problem responses and stable operation ids.
 */
final class OpenApi {

    static final Map<String, String> TAGS = new TreeMap<>(Map.ofEntries(
            Map.entry("agencies", "Recruiting agencies: invitations, \"send to agency\" (assignments with payment terms),"
                    + " submitted candidates and their ratings, messages, proposals"),
            Map.entry("applications", "Applications of candidates to jobs: status flow, history, labels"),
            Map.entry("auth", "People signing in: login, logout, activation, password reset"),
            Map.entry("candidates", "Candidates and their attachments"),
            Map.entry("connections", "The company's connections to marketplace integrations"),
            Map.entry("credentials", "API keys and OAuth 2.0 clients (administrators)"),
            Map.entry("employee", "The employee portal"),
            Map.entry("feed", "A user's activity feed: agencies' messages and proposals"),
            Map.entry("integrations", "Integrations deployed and activated on the marketplace"),
            Map.entry("jobs", "Jobs, their status and their ad"),
            Map.entry("job-boards", "For job boards' own services: applications sent with a connection's board token"),
            Map.entry("postings", "Job ads on job boards: their lifecycle, history and withdrawal"),
            Map.entry("oauth", "OAuth 2.0 token endpoint (client credentials)"),
            Map.entry("partner", "The partner API (vendors: job boards, assessment vendors, recruiters, ...): sign-up,"
                    + " account, company profile and logo, offers and their approval, Marketplace API tokens,"
                    + " customers' connections, assessment reports. Partner credentials only"),
            Map.entry("ping", "Liveness"),
            Map.entry("public", "Public job lists and job feeds of companies, partners' logos (anonymous)"),
            Map.entry("ready", "Readiness: the database and the API serve requests (503 database-unavailable if not)"),
            Map.entry("reference", "Reference lists: roles, industries, functions, experience levels, countries, languages"),
            Map.entry("users", "The people of the company")));

    /** Operations outside the customer's realm that a job board's service calls with its board token. */
    static final Set<String> BOARD_TOKEN_PATHS = Set.of("POST /job-boards/applications");

    private OpenApi() {
    }

    /**
     * Reads the resource classes with swagger's JAX-RS reader (classes handed over directly, no
     * class-path scanning, which does not work across OSGi bundles) and completes the document.
     */
    static OpenAPI build(List<Object> resources) {
        OpenAPI base = new OpenAPI().info(new Info().title("HireMarket API").version("1.0.0")
                .description("The customer API of HireMarket, the self-hosted recruiting marketplace host. Authenticate"
                        + " with a company API key in X-SmartToken, an OAuth 2.0 client-credentials access token, or a"
                        + " person's session token (Authorization: Bearer). Errors are RFC 9457 problem documents.")
                .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
        base.components(new Components().securitySchemes(schemes()));
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Object r : resources) {
            classes.add(r.getClass());
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(OpenApi.class.getClassLoader());
        try {
            SwaggerConfiguration config = new SwaggerConfiguration().openAPI(base).prettyPrint(true)
                    .readAllResources(true);
            OpenAPI oas = new Reader(config).read(classes);
            new Customizer(resources).customize(oas);
            return oas;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static Map<String, SecurityScheme> schemes() {
        Map<String, SecurityScheme> s = new LinkedHashMap<>();
        s.put("SmartToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(AuthenticationFilter.API_KEY_HEADER).description("A company API key: full access"));
        Scopes scopes = new Scopes();
        for (Scope scope : Scope.values()) {
            if (scope.grantableToClients()) {
                scopes.addString(scope.wire(), scope.wire().replace('_', ' '));
            }
        }
        s.put("OAuth2", new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("OAuth 2.0 client credentials (RFC 6749 §4.4)")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl("/api/v1/oauth/token").scopes(scopes))));
        s.put("Session", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A person's session token from POST /auth/login"));
        s.put("MarketplaceToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(AuthenticationFilter.API_KEY_HEADER).description("A partner's Marketplace API token (hmp_...) from"
                        + " POST /partner/tokens, also accepted as Authorization: Bearer; partner API only: it reads"
                        + " and reports, changes need a partner session"));
        s.put("PartnerSession", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A partner's session token (hps_...) from POST /partner/auth/login; partner API only"));
        s.put("BoardToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A job-board connection's board token (hmb_...) from POST /connections/{id}/board-token;"
                        + " accepted on /job-boards only, and no customer credential is accepted there"));
        return s;
    }

    /** Every operation as "METHOD /path", with its class and method. */
    static Map<String, Method> operations(List<Object> resources) {
        Map<String, Method> out = new LinkedHashMap<>();
        for (Object r : resources) {
            Class<?> c = r.getClass();
            String base = c.getAnnotation(Path.class).value();
            for (Method m : c.getMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path p = m.getAnnotation(Path.class);
                    out.put(verb + " " + join(base, p == null ? "" : p.value()), m);
                }
            }
        }
        return out;
    }

    /** The scope each "METHOD /path" needs ({@link Requires} on the method, else on its class); absent for none. */
    static Map<String, Scope> requiredScopes(List<Object> resources) {
        Map<String, Scope> out = new LinkedHashMap<>();
        operations(resources).forEach((key, m) -> {
            Requires needed = m.isAnnotationPresent(Requires.class) ? m.getAnnotation(Requires.class)
                    : m.getDeclaringClass().getAnnotation(Requires.class);
            if (needed != null) {
                out.put(key, needed.value());
            }
        });
        return out;
    }

    /** "METHOD /path" of every operation that needs no credentials. */
    static Set<String> publicPaths(List<Object> resources) {
        Set<String> out = new LinkedHashSet<>();
        operations(resources).forEach((key, m) -> {
            if (m.getDeclaringClass().isAnnotationPresent(Public.class) || m.isAnnotationPresent(Public.class)) {
                out.add(key);
            }
        });
        return out;
    }

    private static String verb(Method m) {
        for (java.lang.annotation.Annotation a : m.getAnnotations()) {
            javax.ws.rs.HttpMethod h = a.annotationType().getAnnotation(javax.ws.rs.HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    static String join(String base, String sub) {
        String s = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Adds what the reader cannot know to the generated document: security, tags, the real success
     * status of operations without an {@code @ApiResponse}, the {@code Location} of creations, the
     * {@code Idempotency-Key} header, every problem status an operation can answer, and operation ids.
     */
    static final class Customizer {
        private final Set<String> publicPaths;
        private final Map<String, Scope> scopes;
        private final Map<String, Method> methods;
        private final Set<String> partnerPaths;

        Customizer(List<Object> resources) {
            this.publicPaths = publicPaths(resources);
            this.partnerPaths = new LinkedHashSet<>();
            operations(resources).forEach((key, m) -> {
                if (m.getDeclaringClass().isAnnotationPresent(PartnerApi.class)) {
                    partnerPaths.add(key);
                }
            });
            this.scopes = requiredScopes(resources);
            this.methods = operations(resources);
        }

        /**
         * Who may call an operation: an API key and a person's session always (a session is then
         * checked against the person's role), an OAuth token only with the scope the operation needs,
         * and not at all where that scope cannot be granted to clients.
         */
        List<SecurityRequirement> security(String key) {
            Scope scope = scopes.get(key);
            List<SecurityRequirement> out = new ArrayList<>();
            if (scope != null && scope.sessionsOnly()) {
                return List.of(new SecurityRequirement().addList("Session"));
            }
            out.add(new SecurityRequirement().addList("SmartToken"));
            if (scope == null) {
                out.add(new SecurityRequirement().addList("OAuth2"));
            } else if (scope.grantableToClients()) {
                out.add(new SecurityRequirement().addList("OAuth2", scope.wire()));
            }
            out.add(new SecurityRequirement().addList("Session"));
            return out;
        }

        /**
         * Who may call a partner operation: a Marketplace API token reads, reports assessment
         * results, and submits an agency's candidates, messages and proposals (an agency's own
         * system); every other change needs a partner session
         * (the services answer 403 {@code session-required} to a token).
         */
        static List<SecurityRequirement> partnerSecurity(PathItem.HttpMethod method, String path) {
            boolean tokens = method == PathItem.HttpMethod.GET || path.endsWith("/reports")
                    || path.endsWith("/candidates") || path.endsWith("/messages") || path.endsWith("/proposals")
                    || path.endsWith("/resumes");
            return tokens ? List.of(new SecurityRequirement().addList("MarketplaceToken"),
                    new SecurityRequirement().addList("PartnerSession"))
                    : List.of(new SecurityRequirement().addList("PartnerSession"));
        }

        void customize(OpenAPI oas) {
            oas.setServers(List.of(new Server().url("/api/v1").description("this HireMarket host")));
            oas.setSecurity(List.of(new SecurityRequirement().addList("SmartToken"),
                    new SecurityRequirement().addList("OAuth2"), new SecurityRequirement().addList("Session")));
            List<Tag> tags = new ArrayList<>();
            TAGS.forEach((name, description) -> tags.add(new Tag().name(name).description(description)));
            oas.setTags(tags);
            Schema<?> problem = new Schema<>().$ref("#/components/schemas/Problem");
            if (oas.getComponents() != null) {
                oas.getComponents().addSchemas("Problem", problemSchema());
            }
            if (oas.getPaths() == null) {
                return;
            }
            oas.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                String key = method.name() + " " + path;
                String segment = path.split("/")[1];
                op.setTags(List.of(TAGS.containsKey(segment) ? segment : "reference"));
                op.setOperationId(operationId(method, path));
                success(key, op);
                boolean authenticated = !publicPaths.contains(key);
                boolean body = op.getRequestBody() != null;
                boolean partner = partnerPaths.contains(key);
                if (authenticated && partner) {
                    op.setSecurity(partnerSecurity(method, path));
                    respond(op, "401", "Missing or invalid partner credentials (customer credentials are not valid here)",
                            problem);
                    respond(op, "403", "A Marketplace API token where a partner session is needed (session-required),"
                            + " or a scope the customer did not grant", problem);
                } else if (authenticated) {
                    op.setSecurity(security(key));
                    respond(op, "401", "Missing or invalid credentials", problem);
                    respond(op, "403", "The credential lacks the scope this needs, or the person's role does not allow it",
                            problem);
                } else if (BOARD_TOKEN_PATHS.contains(key)) {
                    op.setSecurity(List.of(new SecurityRequirement().addList("BoardToken")));
                    respond(op, "401", "Missing or invalid board token", problem);
                    respond(op, "403", "The connection no longer lets the board send people (candidates.write)",
                            problem);
                } else {
                    op.setSecurity(List.of());
                }
                respond(op, "400", "Invalid request (validation problem with field errors)", problem);
                if (path.contains("{") || (op.getParameters() != null && op.getParameters().stream()
                        .anyMatch(p -> "query".equals(p.getIn()) && p.getName().endsWith("Id")))
                        || namesAnId(oas, body ? op.getRequestBody().getContent() : null)) {
                    respond(op, "404", "Not found (also for another company's ids)", problem);
                }
                if (body) {
                    respond(op, "408", "The request body arrived too slowly (request-timeout)", problem);
                    respond(op, "413", "The request body is too large (payload-too-large)", problem);
                    respond(op, "415", "The request body is not of a type this operation takes", problem);
                }
                if (method != PathItem.HttpMethod.GET) {
                    respond(op, "409", "Conflict with the resource's state or a quota (the problem's type says which),"
                            + " or a request with the same Idempotency-Key still in progress", problem);
                }
                if (authenticated && !partner && method == PathItem.HttpMethod.POST) {
                    idempotencyKey(op);
                    respond(op, "422", "The Idempotency-Key was used for a different request", problem);
                }
                respond(op, "429", "Rate limit exceeded; see Retry-After", problem);
                respond(op, "503", "The database is unavailable (database-unavailable), the server is busy"
                        + " (server-busy), or the API is starting or applying a configuration change"
                        + " (service-unavailable); see Retry-After", problem);
                op.setResponses(sorted(op.getResponses()));
                if (op.getSummary() == null || op.getSummary().isBlank()) {
                    op.setSummary(summary(method, path));
                }
            }));
        }

        /**
         * The success answer of an operation without an {@code @ApiResponse}: 200 with what the
         * method returns, or 204 for a void one. A method answering with a {@link javax.ws.rs.core.Response}
         * must say what it answers: the reader cannot see it.
         */
        private void success(String key, Operation op) {
            ApiResponse generated = op.getResponses() == null ? null : op.getResponses().remove("default");
            if (op.getResponses() != null && op.getResponses().keySet().stream().anyMatch(c -> c.startsWith("2"))) {
                op.getResponses().forEach((code, r) -> {
                    if (code.equals("201")) {
                        r.addHeaderObject("Location", new Header().description("The URL of what was created")
                                .schema(new Schema<>().type("string").format("uri")));
                    }
                    if (code.equals("202") || code.equals("204")) {
                        r.setContent(null);
                    }
                });
                return;
            }
            Method m = methods.get(key);
            if (m == null || m.getReturnType() == javax.ws.rs.core.Response.class) {
                throw new IllegalStateException(key + " answers a Response: say what with @ApiResponse");
            }
            if (op.getResponses() == null) {
                op.setResponses(new ApiResponses());
            }
            if (m.getReturnType() == void.class) {
                op.getResponses().addApiResponse("204", new ApiResponse().description("Done; no content"));
            } else {
                op.getResponses().addApiResponse("200", generated == null ? new ApiResponse().description("OK")
                        : generated.description("OK"));
            }
        }

        /** Whether a request body refers to something by id (which may not exist: 404), at most two levels deep. */
        private static boolean namesAnId(OpenAPI oas, Content content) {
            if (content == null) {
                return false;
            }
            return content.values().stream().anyMatch(m -> namesAnId(oas, m.getSchema(), 2));
        }

        private static boolean namesAnId(OpenAPI oas, Schema<?> schema, int depth) {
            if (schema == null || depth == 0) {
                return false;
            }
            if (schema.get$ref() != null && oas.getComponents() != null && oas.getComponents().getSchemas() != null) {
                String ref = schema.get$ref();
                schema = oas.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
                if (schema == null) {
                    return false;
                }
            }
            if (schema.getProperties() == null) {
                return false;
            }
            for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
                if (p.getKey().endsWith("Id") || namesAnId(oas, p.getValue(), depth - 1)) {
                    return true;
                }
            }
            return false;
        }

        private static void idempotencyKey(Operation op) {
            if (op.getParameters() != null && op.getParameters().stream().anyMatch(p -> IdempotencyFilter.HEADER.equals(p.getName()))) {
                return;
            }
            op.addParametersItem(new Parameter().in("header").name(IdempotencyFilter.HEADER).required(false)
                    .description("Makes a retry safe: a second request with the same key (and the same body) gets"
                            + " the first one's answer instead of being run again; 1 to 255 visible ASCII characters,"
                            + " for example a UUID")
                    .schema(new Schema<>().type("string").minLength(1).maxLength(255)));
        }

        /** The responses in the order of their status codes. */
        private static ApiResponses sorted(ApiResponses responses) {
            ApiResponses out = new ApiResponses();
            new TreeMap<>(responses).forEach(out::addApiResponse);
            return out;
        }

        private static void respond(Operation op, String code, String description, Schema<?> problem) {
            if (op.getResponses() != null && !op.getResponses().containsKey(code)) {
                op.getResponses().addApiResponse(code, new ApiResponse().description(description)
                        .content(new Content().addMediaType(Problem.MEDIA_TYPE, new MediaType().schema(problem))));
            }
        }

        @SuppressWarnings({ "rawtypes", "unchecked" })
        private static Schema problemSchema() {
            Schema s = new Schema<>().type("object").description("RFC 9457 problem details");
            s.addProperties("type", new Schema<>().type("string").format("uri-reference"));
            s.addProperties("title", new Schema<>().type("string"));
            s.addProperties("status", new Schema<>().type("integer").format("int32"));
            s.addProperties("detail", new Schema<>().type("string"));
            Schema error = new Schema<>().type("object");
            error.addProperties("field", new Schema<>().type("string"));
            error.addProperties("message", new Schema<>().type("string"));
            s.addProperties("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(error));
            s.setRequired(List.of("type", "title", "status"));
            return s;
        }

        static String operationId(PathItem.HttpMethod method, String path) {
            StringBuilder sb = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
            // a dot too: /public/companies/{companyId}/feed.xml is getPublicCompaniesByCompanyIdFeedXml
            for (String part : path.split("[/.-]")) {
                if (part.isEmpty()) {
                    continue;
                }
                boolean param = part.startsWith("{");
                String word = param ? "By" + capital(part.substring(1, part.length() - 1)) : capital(part);
                sb.append(word);
            }
            return sb.toString();
        }

        static String summary(PathItem.HttpMethod method, String path) {
            return method.name() + " " + path;
        }

        private static String capital(String s) {
            return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
