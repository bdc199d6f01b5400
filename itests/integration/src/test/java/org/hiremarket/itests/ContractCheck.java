package org.hiremarket.itests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Compares what the API really answered to the suite's own calls with its OpenAPI document: every
 * status must be one the operation documents, and a JSON success body must carry every field its
 * documented schema requires (nested objects and array items included). Every call the suite makes
 * through {@link ApiClient} or {@link HireMarketTestSupport#send} is recorded; each test's calls are
 * checked after it ({@link HireMarketTestSupport#answersMatchTheOpenApiDocument}).
 */
final class ContractCheck {

    /** One call: relative path (query included), status, content type and body of the answer. */
    record Call(String method, String path, int status, String contentType, String body) {
    }

    /**
     * Statuses any operation may answer that are about HTTP, not the operation: a method the path
     * does not have (405) and an {@code Accept} the API cannot serve (406).
     */
    private static final Set<Integer> PROTOCOL = Set.of(405, 406);

    /** The detail of a 404 for a path no operation serves (not the 404 of an operation). */
    static final String NO_RESOURCE = "there is no resource at this path";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();

    private ContractCheck() {
    }

    static void record(String method, String path, int status, String contentType, String body) {
        CALLS.add(new Call(method, path, status, contentType == null ? "" : contentType, body));
    }

    /** The calls recorded since the last drain. */
    static List<Call> drain() {
        List<Call> out = new ArrayList<>();
        for (Call c; (c = CALLS.poll()) != null;) {
            out.add(c);
        }
        return out;
    }

    /** @return one line per answer the document does not describe; empty when all match */
    static List<String> violations(JsonNode doc, List<Call> calls) {
        List<String> out = new ArrayList<>();
        for (Call c : calls) {
            String path = c.path().split("\\?", 2)[0];
            String template = template(doc.path("paths"), path);
            if (template == null) {
                continue; // not an operation of the document (unknown paths, the document itself)
            }
            JsonNode op = doc.path("paths").path(template).path(c.method().toLowerCase(java.util.Locale.ROOT));
            String name = c.method() + " " + template + (path.equals(c.path()) ? "" : " (" + c.path() + ")");
            if (op.isMissingNode()) {
                if (c.status() != 405) {
                    out.add(name + ": not in the document, answered " + c.status());
                }
                continue;
            }
            JsonNode response = op.path("responses").path(String.valueOf(c.status()));
            if (c.status() == 404 && c.body().contains(NO_RESOURCE)) {
                continue; // the request reached no operation (the API was being republished after a change)
            }
            if (response.isMissingNode()) {
                if (!PROTOCOL.contains(c.status())) {
                    out.add(name + ": answered " + c.status() + ", which the document does not list ("
                            + fieldNames(op.path("responses")) + "): "
                            + c.body().substring(0, Math.min(200, c.body().length())));
                }
                continue;
            }
            if (c.status() / 100 != 2 || !c.contentType().startsWith("application/json") || c.body().isEmpty()) {
                continue;
            }
            JsonNode schema = response.path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                out.add(name + ": answered " + c.status() + " with a JSON body the document does not describe");
                continue;
            }
            try {
                List<String> problems = new ArrayList<>();
                conforms(doc, schema, JSON.readTree(c.body()), "", problems);
                problems.forEach(p -> out.add(name + " " + c.status() + ": " + p));
            } catch (java.io.IOException notJson) {
                out.add(name + ": answered " + c.status() + " with a body that is not JSON");
            }
        }
        return out;
    }

    /** The document's path template a request path is an instance of, literal segments preferred. */
    static String template(JsonNode paths, String path) {
        String[] segments = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext();) {
            String t = it.next();
            String[] parts = t.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < parts.length && match; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    match = !segments[i].isEmpty();
                } else if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    match = false;
                }
            }
            if (match && literals > bestLiterals) {
                best = t;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /** Checks required fields and the object/array/scalar shape, following {@code $ref}s and {@code oneOf}. */
    static void conforms(JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> problems) {
        schema = resolve(doc, schema);
        if (value == null || value.isNull()) {
            return;
        }
        if (schema.has("oneOf")) {
            for (JsonNode alternative : schema.path("oneOf")) {
                List<String> tried = new ArrayList<>();
                conforms(doc, alternative, value, at, tried);
                if (tried.isEmpty()) {
                    return;
                }
            }
            problems.add(where(at) + "matches none of the documented alternatives");
            return;
        }
        String type = schema.path("type").asText("");
        if (type.equals("array") || schema.has("items")) {
            if (!value.isArray()) {
                problems.add(where(at) + "is documented as an array, answered " + value.getNodeType());
                return;
            }
            int i = 0;
            for (JsonNode item : value) {
                if (i >= 50) {
                    break;
                }
                conforms(doc, schema.path("items"), item, at + "[" + i++ + "]", problems);
            }
            return;
        }
        if (type.equals("object") || schema.has("properties")) {
            if (!value.isObject()) {
                problems.add(where(at) + "is documented as an object, answered " + value.getNodeType());
                return;
            }
            for (JsonNode required : schema.path("required")) {
                JsonNode field = value.get(required.asText());
                if (field == null || field.isNull()) {
                    problems.add(where(at) + "lacks the required field " + required.asText());
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> property = it.next();
                if (value.has(property.getKey())) {
                    conforms(doc, property.getValue(), value.get(property.getKey()),
                            at.isEmpty() ? property.getKey() : at + "." + property.getKey(), problems);
                }
            }
            return;
        }
        if (type.equals("string") && !value.isTextual()) {
            problems.add(where(at) + "is documented as a string, answered " + value.getNodeType());
        } else if ((type.equals("integer") || type.equals("number")) && !value.isNumber()) {
            problems.add(where(at) + "is documented as a number, answered " + value.getNodeType());
        } else if (type.equals("boolean") && !value.isBoolean()) {
            problems.add(where(at) + "is documented as a boolean, answered " + value.getNodeType());
        }
        if (schema.has("enum") && value.isTextual()) {
            boolean listed = false;
            for (JsonNode allowed : schema.path("enum")) {
                listed |= allowed.asText().equals(value.asText());
            }
            if (!listed) {
                problems.add(where(at) + "answered " + value.asText() + ", not one of " + schema.path("enum"));
            }
        }
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        for (int hops = 0; schema.has("$ref") && hops < 10; hops++) {
            String ref = schema.path("$ref").asText();
            schema = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private static String where(String at) {
        return at.isEmpty() ? "the body " : at + " ";
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
