package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The live-versus-document check finds what it is there to find (and nothing else). */
public class ContractCheckTest {

    private static final JsonNode DOC;

    static {
        try {
            DOC = new ObjectMapper().readTree("""
                    {"paths": {
                      "/jobs": {"post": {"responses": {
                          "201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                          "400": {"content": {"application/problem+json": {}}}}},
                        "get": {"responses": {"200": {"content": {"application/json": {"schema":
                          {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}}}}}}},
                      "/jobs/{id}": {"get": {"responses": {"200": {"content": {"application/json": {"schema":
                          {"$ref": "#/components/schemas/Job"}}}}, "404": {}}}},
                      "/jobs/search": {"get": {"responses": {"204": {}}}}},
                     "components": {"schemas": {"Job": {"type": "object", "required": ["id", "status"],
                       "properties": {"id": {"type": "string"}, "status": {"type": "string", "enum": ["SOURCING", "FILLED"]},
                         "headcount": {"type": "integer"},
                         "location": {"type": "object", "required": ["city"], "properties": {"city": {"type": "string"}}}}}}}}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> check(String method, String path, int status, String body) {
        return ContractCheck.violations(DOC, List.of(new ContractCheck.Call(method, path, status,
                body == null ? "" : "application/json", body == null ? "" : body)));
    }

    @Test
    public void answersAsDocumentedPass() {
        assertEquals(List.of(), check("POST", "/jobs", 201, "{\"id\": \"1\", \"status\": \"SOURCING\"}"));
        assertEquals(List.of(), check("GET", "/jobs?limit=5", 200, "[{\"id\": \"1\", \"status\": \"FILLED\"}]"));
        assertEquals(List.of(), check("GET", "/jobs/7", 404, null));
        assertEquals("literal segments win over parameters", List.of(), check("GET", "/jobs/search", 204, null));
        assertEquals("paths outside the document are not judged", List.of(), check("GET", "/nothing", 500, null));
        assertEquals("protocol statuses", List.of(), check("DELETE", "/jobs", 405, null));
        assertEquals(List.of(), check("GET", "/jobs/7", 406, null));
        assertEquals("no operation reached", List.of(), ContractCheck.violations(DOC, List.of(new ContractCheck.Call(
                "POST", "/jobs", 404, "application/problem+json", "{\"detail\": \"" + ContractCheck.NO_RESOURCE + "\"}"))));
    }

    @Test
    public void anUndocumentedStatusIsFound() {
        List<String> v = check("POST", "/jobs", 409, null);
        assertEquals(1, v.size());
        assertTrue(v.get(0), v.get(0).contains("POST /jobs: answered 409"));
        assertEquals(1, check("PUT", "/jobs", 200, null).size());
    }

    @Test
    public void aMissingRequiredFieldIsFoundAtAnyDepth() {
        assertTrue(check("POST", "/jobs", 201, "{\"id\": \"1\"}").get(0).contains("lacks the required field status"));
        assertTrue(check("GET", "/jobs", 200, "[{\"id\": \"1\", \"status\": \"FILLED\"}, {\"status\": \"FILLED\"}]")
                .get(0).contains("[1] lacks the required field id"));
        assertTrue(check("GET", "/jobs/1", 200, "{\"id\": \"1\", \"status\": \"FILLED\", \"location\": {}}").get(0)
                .contains("location lacks the required field city"));
    }

    @Test
    public void wrongShapesAndValuesAreFound() {
        assertTrue(check("GET", "/jobs", 200, "{\"id\": \"1\"}").get(0).contains("documented as an array"));
        assertTrue(check("GET", "/jobs/1", 200, "{\"id\": 1, \"status\": \"FILLED\"}").get(0).contains("id is documented as a string"));
        assertTrue(check("GET", "/jobs/1", 200, "{\"id\": \"1\", \"status\": \"OPEN\"}").get(0).contains("not one of"));
        assertTrue(check("GET", "/jobs/1", 200, "{\"id\": \"1\", \"status\": \"FILLED\", \"headcount\": \"2\"}").get(0)
                .contains("documented as a number"));
    }
}
