package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.ws.rs.core.MediaType;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.identity.UserViews.CreateUser;
import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** A body is refused naming every unknown field at once, not one per attempt. */
public class AllInvalidFieldsTest {

    private final ObjectMapper mapper = RestServer.objectMapper();
    private final JsonBodyProvider provider = new JsonBodyProvider(mapper);

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private Object read(Class<?> type, String json) throws Exception {
        return provider.readFrom((Class) type, type, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, new javax.ws.rs.core.MultivaluedHashMap<>(),
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private List<String> refusedFields(Class<?> type, String json) throws Exception {
        try {
            read(type, json);
            fail("accepted " + json);
            return null;
        } catch (JsonBodyProvider.InvalidFields e) {
            ApiException problem = ExceptionMappers.toApi(e);
            assertEquals(400, problem.status());
            assertEquals("validation-error", problem.type());
            return problem.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    public void everyUnknownFieldIsNamedAtOnceWithItsPath() throws Exception {
        List<String> fields = refusedFields(CreateUser.class, "{\"firstname\": \"S\", \"nickname\": \"x\","
                + " \"location\": {\"countryCode\": \"US\", \"town\": \"SF\"}, \"systemRole\": {\"id\": \"STANDARD\","
                + " \"level\": {\"deep\": [1, 2]}}, \"hobby\": [\"a\"]}");
        assertEquals(List.of("hobby", "location.town", "nickname", "systemRole.level"), fields.stream().sorted().toList());
    }

    @Test
    public void aWrongTypeEndsTheReadingAndIsAnsweredNamingItsField() throws Exception {
        try {
            read(CreateUser.class, "{\"firstname\": 42}");
            fail();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ApiException problem = ExceptionMappers.toApi(e);
            assertEquals("firstname", problem.errors().get(0).field());
        }
    }

    @Test
    public void pathsThroughArraysOfObjects() throws Exception {
        List<String> fields = refusedFields(org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn.class,
                "{\"firstName\": \"A\", \"lastName\": \"B\", \"experience\": [{\"title\": \"t\"},"
                        + " {\"title\": \"u\", \"salary\": 1}]}");
        assertEquals(List.of("experience[1].salary"), fields);
    }

    @Test
    public void aValidBodyIsReadAndTheNextReadStartsClean() throws Exception {
        CreateUser u = (CreateUser) read(CreateUser.class, "{\"firstName\": \"Susan\", \"lastname\": \"Santos\"}");
        assertEquals("Susan", u.firstname());
        assertEquals(List.of("other"), refusedFields(CreateUser.class, "{\"other\": 1}"));
        // outside a body read the API's mapper fails at the first unknown field, as Jackson does
        try {
            mapper.readValue("{\"other\": 1, \"more\": 2}", CreateUser.class);
            fail();
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException expected) {
            assertEquals("other", expected.getPropertyName());
        }
    }
}
