package org.hiremarket.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP calls to the customer API with any credential: an API key ({@code X-SmartToken}), a bearer
 * token (OAuth access token or session), or none.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A credential: how to put it on a request. */
    record Credential(String kind, String header, String value) {
        static Credential apiKey(String key) {
            return new Credential("api key", "X-SmartToken", key);
        }

        static Credential bearer(String kind, String token) {
            return new Credential(kind, "Authorization", "Bearer " + token);
        }

        static final Credential NONE = new Credential("anonymous", null, null);
    }

    /** A response, with its headers. */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    Response call(String method, String path, Credential as, Object body, String... headers) throws Exception {
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        return raw(method, path, as, text, "application/json", extra);
    }

    Response raw(String method, String path, Credential as, String body, String contentType, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (as != null && as.header() != null) {
            b.header(as.header(), as.value());
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ContractCheck.record(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        return new Response(r.statusCode(), r.headers().map(), r.body());
    }

    /** Form POST, as the OAuth token endpoint takes it. */
    Response form(String path, String form, Map<String, String> headers) throws Exception {
        return raw("POST", path, null, form, "application/x-www-form-urlencoded", headers);
    }
}
