package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hiremarket.itests.ApiClient.Credential;
import org.hiremarket.itests.ApiClient.Response;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue 27, aggregators that pull: a company's job feed (XML and JSON-LD) on the real distribution
 * carries exactly its PUBLIC ads of sourcing jobs, anonymously, and answers an {@code If-None-Match}
 * naming the current copy with 304 and no body, until an ad changes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JobFeedIT extends HireMarketTestSupport {

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    private String publishedJob(Credential key, String title, String visibility) throws Exception {
        Response created = api().call("POST", "/jobs", key, String.format(CustomerApiIT.SEED_JOB, title));
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().path("id").asText();
        Response r = api().call("PUT", "/jobs/" + id + "/ad", key, Map.of("visibility", visibility));
        assertEquals(r.toString(), 200, r.status());
        return id;
    }

    /** The {@code <referencenumber>} of every {@code <job>}, in order, read by the JDK's parser. */
    private static List<String> xmlReferences(String xml) throws Exception {
        // the host's own answer: whichever DOM parser the container offers, with its defaults
        Element source = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertEquals("source", source.getNodeName());
        NodeList refs = source.getElementsByTagName("referencenumber");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            out.add(refs.item(i).getTextContent());
        }
        return out;
    }

    private static List<String> jsonLdIdentifiers(JsonNode feed) {
        List<String> out = new ArrayList<>();
        feed.path("itemListElement").forEach(p -> out.add(p.path("identifier").path("value").asText()));
        return out;
    }

    @Test
    public void theFeedCarriesExactlyThePublicSourcingAdsAndHonoursIfNoneMatch() throws Exception {
        TestCompany acme = createCompany("Feed " + UUID.randomUUID());
        Credential key = Credential.apiKey(acme.apiKey());
        String older = publishedJob(key, "R&D <Lead> engineer", "PUBLIC");
        List<String> hidden = new ArrayList<>(List.of(publishedJob(key, "Internal role", "INTERNAL"),
                publishedJob(key, "Private role", "PRIVATE")));
        String onHold = publishedJob(key, "On hold role", "PUBLIC");
        assertEquals(200, api().call("PUT", "/jobs/" + onHold + "/status", key, Map.of("status", "ON_HOLD")).status());
        hidden.add(onHold);
        hidden.add(api().call("POST", "/jobs", key, String.format(CustomerApiIT.SEED_JOB, "Draft")).json().path("id")
                .asText());
        TestCompany other = createCompany("Feed other " + UUID.randomUUID());
        hidden.add(publishedJob(Credential.apiKey(other.apiKey()), "Other company's role", "PUBLIC"));
        String feedPath = "/public/companies/" + acme.id() + "/feed.xml";

        Response xml = api().call("GET", feedPath, Credential.NONE, null);
        assertEquals(xml.toString(), 200, xml.status());
        assertTrue(xml.header("Content-Type"), xml.header("Content-Type").startsWith("application/xml"));
        assertEquals("public, max-age=300", xml.header("Cache-Control"));
        assertNotNull(xml.header("Last-Modified"));
        String tag = xml.header("ETag");
        assertTrue("a strong entity tag: " + tag, tag.startsWith("\"") && tag.endsWith("\""));
        assertEquals(List.of(older), xmlReferences(xml.body()));
        assertTrue("text escaped, not dropped", xml.body().contains("R&amp;D &lt;Lead&gt; engineer"));
        assertTrue("the ad's public address", xml.body().contains("<url>" + baseUrl() + "/public/companies/" + acme.id()
                + "/jobs/" + older + "</url>"));

        Response jsonLd = api().call("GET", "/public/companies/" + acme.id() + "/feed.jsonld", Credential.NONE, null);
        assertEquals(jsonLd.toString(), 200, jsonLd.status());
        assertTrue(jsonLd.header("Content-Type"), jsonLd.header("Content-Type").startsWith("application/ld+json"));
        assertEquals("ItemList", jsonLd.json().path("@type").asText());
        assertEquals(List.of(older), jsonLdIdentifiers(jsonLd.json()));
        assertEquals("JobPosting", jsonLd.json().path("itemListElement").get(0).path("@type").asText());
        for (String id : hidden) {
            assertFalse(id + " is not in the XML feed", xml.body().contains(id));
            assertFalse(id + " is not in the JSON-LD feed", jsonLd.body().contains(id));
        }

        // the copy the client holds is current: 304, no body; also named weakly or in a list
        for (String condition : List.of(tag, "W/" + tag, "\"old\", " + tag, "*")) {
            Response notModified = api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", condition);
            assertEquals(condition, 304, notModified.status());
            assertEquals("", notModified.body());
            assertEquals(tag, notModified.header("ETag"));
        }
        assertEquals(200, api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", jsonLd.header("ETag"))
                .status());

        // a new public ad: another feed, newest first, and the old copy is no longer current
        String newer = publishedJob(key, "Nurse", "PUBLIC");
        Response changed = api().call("GET", feedPath, Credential.NONE, null, "If-None-Match", tag);
        assertEquals(200, changed.status());
        assertNotEquals(tag, changed.header("ETag"));
        assertEquals(List.of(newer, older), xmlReferences(changed.body()));

        Response unknown = api().call("GET", "/public/companies/" + UUID.randomUUID() + "/feed.xml", Credential.NONE, null);
        assertEquals(404, unknown.status());
        assertTrue(unknown.header("Content-Type").startsWith("application/problem+json"));
    }
}
