package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Map;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

public class JsonRulesTest {

    private final ObjectMapper json = RestServer.objectMapper();

    private ApiException refused(String body) {
        try {
            json.readValue(body, ConnectionResource.StartRequest.class);
            fail("accepted " + body);
            return null;
        } catch (JsonProcessingException e) {
            return ExceptionMappers.toApi(e);
        }
    }

    @Test
    public void unknownFieldWrongTypeAndMalformedJsonAreClearProblems() {
        ApiException unknown = refused("{\"integrationId\":\"a\",\"extra\":1}");
        assertEquals("validation-error", unknown.type());
        assertEquals("extra", unknown.errors().get(0).field());

        ApiException number = refused("{\"integrationId\":42}");
        assertEquals("validation-error", number.type());
        assertEquals("integrationId", number.errors().get(0).field());

        ApiException malformed = refused("{\"integrationId\":");
        assertEquals(400, malformed.status());
        assertTrue(malformed.detail(), malformed.detail().contains("JSON"));
    }

    /** A body with a whole number in it. */
    public record Counted(String name, int position, Integer limit) {
    }

    private ApiException refusedCounted(String body) {
        try {
            json.readValue(body, Counted.class);
            fail("accepted " + body);
            return null;
        } catch (JsonProcessingException e) {
            return ExceptionMappers.toApi(e);
        }
    }

    @Test
    public void aFieldGivenTwiceIsRefusedNamingIt() {
        ApiException twice = refused("{\"integrationId\":\"a\",\"integrationId\":\"b\"}");
        assertEquals(400, twice.status());
        assertTrue(twice.detail(), twice.detail().contains("Duplicate field 'integrationId'"));
        ApiException nested = refusedCounted("{\"name\":\"a\",\"position\":1,\"position\":2}");
        assertTrue(nested.detail(), nested.detail().contains("'position'"));
    }

    @Test
    public void aFractionTextOrBooleanIsNoWholeNumber() throws Exception {
        for (String bad : new String[] { "2.5", "2.0", "\"2\"", "true" }) {
            ApiException e = refusedCounted("{\"name\":\"a\",\"position\":" + bad + "}");
            assertEquals(bad, "validation-error", e.type());
            assertEquals(bad, "position", e.errors().get(0).field());
            ApiException boxed = refusedCounted("{\"name\":\"a\",\"position\":1,\"limit\":" + bad + "}");
            assertEquals(bad, "limit", boxed.errors().get(0).field());
        }
        assertEquals(3, json.readValue("{\"name\":\"a\",\"position\":3}", Counted.class).position());
    }

    @Test
    public void timesAreIsoAndNullsAreLeftOut() throws Exception {
        String out = json.writeValueAsString(Map.of("at", Instant.parse("2026-01-02T03:04:05Z")));
        assertEquals("{\"at\":\"2026-01-02T03:04:05Z\"}", out);
        String problem = json.writeValueAsString(Problem.of(404, "not-found", "Not found", "x", null));
        assertFalse(problem, problem.contains("errors"));
        assertTrue(problem.contains("\"type\":\"urn:hiremarket:problem:not-found\""));
    }
}
