package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.hiremarket.core.internal.identity.Scope;
import org.junit.Test;

import io.swagger.v3.oas.models.security.SecurityRequirement;

/** The OpenAPI document names, per operation, the OAuth scope it needs, read from the resources. */
public class OpenApiSecurityTest {

    private static final List<Object> RESOURCES = List.of(new JobResource(null, null, null, null), new EmployeeResource(null),
            new CredentialResource(null, null), new UserResource(null), new AuthResource(null, null, null));

    @Test
    public void theScopesAreReadFromTheResourcesAnnotations() {
        Map<String, Scope> scopes = OpenApi.requiredScopes(RESOURCES);
        assertEquals(Scope.JOBS_READ, scopes.get("GET /jobs"));
        assertEquals(Scope.JOBS_MANAGE, scopes.get("POST /jobs"));
        assertEquals("a class's scope for every method of it", Scope.CREDENTIALS_MANAGE,
                scopes.get("POST /credentials/api-keys"));
        assertEquals(Scope.USERS_MANAGE, scopes.get("POST /users"));
    }

    @Test
    public void anOperationAsksOAuthClientsForItsScopeOrRefusesThem() {
        OpenApi.Customizer c = new OpenApi.Customizer(RESOURCES);
        List<SecurityRequirement> jobs = c.security("GET /jobs");
        assertEquals(3, jobs.size());
        assertTrue(jobs.contains(new SecurityRequirement().addList("OAuth2", "jobs_read")));
        assertTrue(jobs.contains(new SecurityRequirement().addList("SmartToken")));
        assertTrue(jobs.contains(new SecurityRequirement().addList("Session")));
        assertEquals("the employee portal takes a person's own session only",
                List.of(new SecurityRequirement().addList("Session")), c.security("GET /employee/jobs"));
        List<SecurityRequirement> keys = c.security("POST /credentials/api-keys");
        assertEquals("no OAuth client can manage credentials", List.of(new SecurityRequirement().addList("SmartToken"),
                new SecurityRequirement().addList("Session")), keys);
    }
}
