package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hiremarket.core.internal.assessment.AssessmentViews;
import org.hiremarket.core.internal.candidate.CandidateViews;
import org.hiremarket.core.internal.company.ApiKeyInfo;
import org.hiremarket.core.internal.identity.CredentialService;
import org.hiremarket.core.internal.identity.UserViews;
import org.hiremarket.core.internal.job.JobReference;
import org.hiremarket.core.internal.job.JobViews;
import org.hiremarket.core.internal.marketplace.Views;
import org.junit.Test;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The OpenAPI document names a schema after its class's simple name (or its {@link Schema#name}):
 * two API types of one name but different fields would become one schema, and the fields of one
 * would be missing from the document. Every API type is either uniquely named or the same shape.
 */
public class SchemaNamesTest {

    private static final List<Class<?>> HOLDERS = List.of(UserViews.class, JobViews.class, JobReference.class,
            CandidateViews.class, AssessmentViews.class, Views.class, CredentialService.class, ApiKeyInfo.class,
            ApplicationResource.class, AssessmentResource.class, AuthResource.class, CandidateResource.class,
            ConnectionResource.class, CredentialResource.class, EmployeeResource.class, IntegrationResource.class,
            JobResource.class, OAuthTokenResource.class, PingResource.class, PublicJobResource.class,
            ReferenceResource.class, UserResource.class, Problem.class);

    static String schemaName(Class<?> c) {
        Schema s = c.getAnnotation(Schema.class);
        return s != null && !s.name().isEmpty() ? s.name() : c.getSimpleName();
    }

    private static List<String> shape(Class<?> c) {
        return Arrays.stream(c.getRecordComponents())
                .map(r -> r.getName() + ":" + r.getGenericType().getTypeName()).toList();
    }

    @Test
    public void typesOfOneSchemaNameHaveOneShape() {
        Map<String, Class<?>> byName = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        int records = 0;
        for (Class<?> holder : HOLDERS) {
            List<Class<?>> types = new ArrayList<>(Arrays.asList(holder.getDeclaredClasses()));
            types.add(holder);
            for (Class<?> c : types) {
                if (!c.isRecord()) {
                    continue;
                }
                records++;
                Class<?> seen = byName.putIfAbsent(schemaName(c), c);
                if (seen != null && seen != c && !shape(seen).equals(shape(c))) {
                    clashes.add(schemaName(c) + ": " + seen.getName() + " " + shape(seen) + " vs " + c.getName() + " "
                            + shape(c));
                }
            }
        }
        assertTrue("the API's types were found: " + records, records > 40);
        assertEquals("give one of each pair a @Schema(name = ...)", List.of(), clashes);
    }

    @Test
    public void theFieldsOnceLostHaveSchemasOfTheirOwn() {
        assertEquals("JobLocationIn", schemaName(JobViews.LocationIn.class));
        assertTrue(Arrays.stream(JobViews.LocationIn.class.getRecordComponents()).map(RecordComponent::getName)
                .anyMatch("remote"::equals));
        assertEquals("ApplicationStatusChange", schemaName(CandidateViews.StatusChange.class));
        assertTrue(Arrays.stream(CandidateViews.StatusChange.class.getRecordComponents()).map(RecordComponent::getName)
                .anyMatch("note"::equals));
    }
}
