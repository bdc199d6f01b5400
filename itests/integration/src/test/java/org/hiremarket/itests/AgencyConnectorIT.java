package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Agencies connected through a bundle, end to end on the real distribution with the demo agency
 * TalentBridge: a job sent through the company's connection reaches the agency through the durable
 * mailbox, the agency acknowledges it and its own thread submits candidates, which arrive on the
 * job attributed {@code AGENCY} and start the assignment; a cancellation reaches the agency; and an
 * assignment delivered while the agency's bundle is stopped mid-call and started again reaches it
 * exactly once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgencyConnectorIT extends HireMarketTestSupport {

    static final String PID = "org.hiremarket.plugin.talentbridge";
    static final String COMPONENT = "org.hiremarket.plugin.talentbridge.TalentBridgeConnector";
    static final String JOB = "{\"title\": \"%s\", \"location\": {\"countryCode\": \"GB\", \"city\": \"London\"},"
            + " \"industry\": {\"id\": \"computer_software\"}, \"function\": {\"id\": \"engineering\"},"
            + " \"experienceLevel\": {\"id\": \"mid_senior_level\"}}";
    static final String TERMS = "{\"type\": \"PERCENTAGE\", \"percentage\": 20, \"firstYearSalary\": 60000,"
            + " \"currency\": \"GBP\"}";

    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.initial.ms", "200"),
            editConfigurationFilePut("etc/org.hiremarket.mailbox.cfg", "retry.max.ms", "1000"),
            editConfigurationFilePut("etc/" + PID + ".cfg", "candidate.delay.ms", "200") };
    }

    @Before
    public void talentBridgeIsOffered() throws Exception {
        if (integrationRow("talentbridge") == null) {
            installAndActivate("hiremarket-plugin-talentbridge", "talentbridge");
        }
        configureComponent(PID, COMPONENT, "mode", "normal");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> agencyStats() throws Exception {
        Collection<ServiceReference<Supplier>> refs = bundleContext.getServiceReferences(Supplier.class,
                "(hiremarket.demo.stats=talentbridge)");
        assertEquals("one TalentBridge", 1, refs.size());
        ServiceReference<Supplier> ref = refs.iterator().next();
        try {
            return (Map<String, Object>) bundleContext.getService(ref).get();
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    /** TalentBridge's entries of one assignment. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> held(String assignmentId) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (Collection<Object>) agencyStats().get("assignments")) {
            Map<String, Object> m = (Map<String, Object>) o;
            if (assignmentId.equals(m.get("assignmentId"))) {
                out.add(m);
            }
        }
        return out;
    }

    /** An ACTIVE TalentBridge connection of the company. */
    private String talentBridge(TestCompany co) throws Exception {
        String id = startAndAuthorize(co.apiKey(), "talentbridge");
        Reply r = post("/connections/" + id + "/account", co.apiKey(), "{\"fields\": {\"agencyCode\": \"TB-LON-0042\","
                + " \"contactEmail\": \"jane.doe@acme.com\", \"apiSecret\": \"tbSecret0123456789ABCDEF\"}}");
        assertEquals(r.body(), "ACTIVE", r.json().path("status").asText());
        return id;
    }

    private String job(TestCompany co, String title) throws Exception {
        Reply j = post("/jobs", co.apiKey(), String.format(JOB, title));
        assertStatus(201, j);
        return j.json().path("id").asText();
    }

    private String assign(TestCompany co, String jobId, String connectionId) throws Exception {
        Reply r = post("/jobs/" + jobId + "/assignments", co.apiKey(),
                "{\"connectionId\": \"" + connectionId + "\", \"terms\": " + TERMS + "}");
        assertStatus(201, r);
        assertEquals("NEW", r.json().path("status").asText());
        assertEquals("SENDING", r.json().path("delivery").path("state").asText());
        return r.json().path("id").asText();
    }

    private JsonNode assignment(TestCompany co, String id) throws Exception {
        Reply r = get("/agencies/assignments/" + id, co.apiKey());
        assertStatus(200, r);
        return r.json();
    }

    private static boolean agencyIsReceiving() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Arrays.stream(stack).anyMatch(
                f -> f.getClassName().startsWith("org.hiremarket.plugin.talentbridge.")
                        && f.getMethodName().equals("receiveAssignment")));
    }

    @Test
    public void aJobSentThroughTheConnectionIsAcknowledgedItsCandidatesArriveAttributedAndTheCancelReachesTheAgency()
            throws Exception {
        TestCompany co = createCompany("Connector " + UUID.randomUUID());
        String conn = talentBridge(co);
        String jobId = job(co, "Staff nurse");
        assertProblem(400, "validation-error", post("/jobs/" + jobId + "/assignments", co.apiKey(),
                "{\"agencyId\": \"x\", \"connectionId\": \"" + conn + "\", \"terms\": " + TERMS + "}"));
        String id = assign(co, jobId, conn);

        awaitTrue("the agency acknowledged", () -> "DELIVERED".equals(assignment(co, id).path("delivery")
                .path("state").asText()));
        List<Map<String, Object>> entries = held(id);
        assertEquals(1, entries.size());
        assertEquals(entries.get(0).get("reference"), assignment(co, id).path("delivery").path("agencyReference").asText());
        assertTrue(String.valueOf(entries.get(0).get("reference")).startsWith("TB-LON-0042-A-"));

        awaitTrue("two candidates", () -> assignment(co, id).path("submissions").size() == 2);
        JsonNode a = assignment(co, id);
        assertEquals("IN_PROGRESS", a.path("status").asText());
        assertEquals("TalentBridge Recruiting", a.path("agencyName").asText());
        for (JsonNode s : a.path("submissions")) {
            assertTrue(s.path("attributed").asBoolean());
            JsonNode application = get("/applications/" + s.path("applicationId").asText(), co.apiKey()).json();
            assertEquals("AGENCY", application.path("source").path("type").asText());
            assertEquals(jobId, application.path("jobId").asText());
        }

        Reply cancelled = post("/agencies/assignments/" + id + "/cancel", co.apiKey(), null);
        assertStatus(200, cancelled);
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        awaitTrue("the agency was told", () -> "cancelled".equals(held(id).get(0).get("status")));
        awaitTrue("the host knows it was told", () -> "CANCELLED".equals(assignment(co, id).path("delivery")
                .path("state").asText()));
    }

    @Test
    public void anAssignmentDeliveredWhileTheAgencysBundleStopsAndStartsAgainArrivesExactlyOnce() throws Exception {
        TestCompany co = createCompany("Restart " + UUID.randomUUID());
        String conn = talentBridge(co);
        configureComponent(PID, COMPONENT, "slow.ms", "60000");
        configureComponent(PID, COMPONENT, "mode", "slow");
        String id = assign(co, job(co, "Patient nurse"), conn);
        awaitTrue("the agency is answering the assignment (slowly)", AgencyConnectorIT::agencyIsReceiving);
        console("bundle:stop org.hiremarket.plugin.talentbridge");
        try {
            assertEquals("NEW", assignment(co, id).path("status").asText());
            assertEquals("SENDING", assignment(co, id).path("delivery").path("state").asText());
            console("config:property-set -p " + PID + " mode normal");
        } finally {
            console("bundle:start org.hiremarket.plugin.talentbridge");
        }
        configureComponent(PID, COMPONENT, "mode", "normal");
        awaitTrue("delivered", () -> "DELIVERED".equals(assignment(co, id).path("delivery").path("state").asText()));
        awaitTrue("its candidates", () -> assignment(co, id).path("submissions").size() == 2);
        List<Map<String, Object>> entries = held(id);
        assertEquals("the agency holds it once", 1, entries.size());
        assertEquals(2, entries.get(0).get("candidatesSent"));
        assertEquals(entries.get(0).get("reference"), assignment(co, id).path("delivery").path("agencyReference").asText());
        assertEquals("IN_PROGRESS", assignment(co, id).path("status").asText());
    }
}
