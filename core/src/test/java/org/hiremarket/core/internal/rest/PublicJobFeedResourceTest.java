package org.hiremarket.core.internal.rest;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hiremarket.core.internal.company.CompanyService;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobFeed;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * The feed endpoints on the in-memory database: 404 for a company that does not exist, the feed
 * with its links on the public base, a strong ETag, {@code Cache-Control} and {@code Last-Modified},
 * and 304 without a body for an {@code If-None-Match} that names the current copy.
 */
public class PublicJobFeedResourceTest {

    private static final String BASE = "https://jobs.example.com/api/v1";

    private Database db;
    private JobService jobs;
    private PublicJobFeedResource resource;
    private String name;
    private Caller acme;
    private String publicJob;

    @Before
    public void open() {
        db = InMemoryUnit.shared(PublicJobFeedResourceTest.class).database();
        jobs = new JobService(db);
        resource = new PublicJobFeedResource(new CompanyService(db), jobs);
        name = "Acme & Co " + UUID.randomUUID();
        acme = TestCompanies.create(db, name);
        publicJob = jobs.create(acme, new CreateJob("Engineer", null, new LocationIn("US", "Boston", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), null, null, null))
                .id();
        jobs.publish(acme, publicJob, "PUBLIC");
    }

    /** The request's address as {@link PublicBaseUriFilter} left it: on the public base. */
    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getAbsolutePath" -> URI.create(BASE + path);
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static HttpHeaders headers(Map<String, List<String>> fields) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] { HttpHeaders.class },
                (p, m, a) -> {
                    if (m.getName().equals("getRequestHeader")) {
                        return fields.get((String) a[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private Response xml(String companyId, Map<String, List<String>> fields) {
        return resource.xml(companyId, uri("/public/companies/" + companyId + "/feed.xml"), headers(fields));
    }

    private Response jsonLd(String companyId, Map<String, List<String>> fields) {
        return resource.jsonLd(companyId, uri("/public/companies/" + companyId + "/feed.jsonld"), headers(fields));
    }

    private static Map<String, List<String>> ifNoneMatch(String... lines) {
        return Map.of(IfNoneMatch.HEADER, List.of(lines));
    }

    @Test
    public void anUnknownCompanyIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertEquals("company '" + unknown + "' does not exist",
                refused(404, "not-found", () -> xml(unknown, Map.of())).detail());
        refused(404, "not-found", () -> jsonLd(unknown, ifNoneMatch("*")));
    }

    @Test
    public void theXmlFeedIsCacheableWithAStrongETagOfItsBytes() {
        Response r = xml(acme.companyId(), Map.of());
        assertEquals(200, r.getStatus());
        assertEquals("application/xml;charset=UTF-8", r.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals("public, max-age=300", r.getHeaderString(HttpHeaders.CACHE_CONTROL));
        byte[] body = (byte[]) r.getEntity();
        String text = new String(body, StandardCharsets.UTF_8);
        assertTrue(text, text.contains("<referencenumber>" + publicJob + "</referencenumber>"));
        assertTrue("links on the public base", text.contains("<url>" + BASE + "/public/companies/" + acme.companyId()
                + "/jobs/" + publicJob + "</url>"));
        JobFeed.Document expected = new JobFeed(acme.companyId(), name, URI.create(BASE + "/"),
                jobs.publicFeedAds(acme.companyId(), JobFeed.MAX_ADS)).xml();
        assertArrayEquals(expected.body(), body);
        assertFalse(r.getEntityTag().isWeak());
        assertEquals(expected.entityTag(), r.getEntityTag().getValue());
        assertEquals("\"" + r.getEntityTag().getValue() + "\"", r.getHeaderString(HttpHeaders.ETAG));
        long updated = jobs.publicFeedAds(acme.companyId(), 1).get(0).changedOn().toEpochMilli();
        assertEquals(new Date(updated / 1000 * 1000), r.getLastModified());
        // the same request again: the same bytes and tag
        Response again = xml(acme.companyId(), Map.of());
        assertArrayEquals(body, (byte[]) again.getEntity());
        assertEquals(r.getEntityTag(), again.getEntityTag());
    }

    @Test
    public void aMatchingIfNoneMatchIsAnsweredNotModifiedWithoutABody() {
        for (boolean xml : new boolean[] { true, false }) {
            Response full = xml ? xml(acme.companyId(), Map.of()) : jsonLd(acme.companyId(), Map.of());
            String tag = full.getEntityTag().getValue();
            for (Map<String, List<String>> condition : List.of(ifNoneMatch("\"" + tag + "\""),
                    ifNoneMatch("W/\"" + tag + "\""), ifNoneMatch("\"old\", \"" + tag + "\""),
                    ifNoneMatch("\"old\"", "\"" + tag + "\""), ifNoneMatch("*"))) {
                Response r = xml ? xml(acme.companyId(), condition) : jsonLd(acme.companyId(), condition);
                assertEquals(condition.toString(), 304, r.getStatus());
                assertFalse(r.hasEntity());
                assertEquals(tag, r.getEntityTag().getValue());
                assertEquals("public, max-age=300", r.getHeaderString(HttpHeaders.CACHE_CONTROL));
            }
            Response stale = xml ? xml(acme.companyId(), ifNoneMatch("\"old\""))
                    : jsonLd(acme.companyId(), ifNoneMatch("\"old\""));
            assertEquals(200, stale.getStatus());
            assertArrayEquals((byte[]) full.getEntity(), (byte[]) stale.getEntity());
        }
    }

    @Test
    public void theJsonLdFeedHasItsOwnTypeAndTag() {
        Response r = jsonLd(acme.companyId(), Map.of());
        assertEquals(200, r.getStatus());
        assertEquals("application/ld+json", r.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertEquals("public, max-age=300", r.getHeaderString(HttpHeaders.CACHE_CONTROL));
        assertTrue(new String((byte[]) r.getEntity(), StandardCharsets.UTF_8).contains("\"value\":\"" + publicJob + "\""));
        assertFalse(r.getEntityTag().getValue().equals(xml(acme.companyId(), Map.of()).getEntityTag().getValue()));
    }

    @Test
    public void aCompanyWithoutPublicAdsHasAnEmptyFeedWithoutLastModified() {
        Caller empty = TestCompanies.create(db, "Empty " + UUID.randomUUID());
        Response r = xml(empty.companyId(), Map.of());
        assertEquals(200, r.getStatus());
        assertNull(r.getLastModified());
        assertFalse(new String((byte[]) r.getEntity(), StandardCharsets.UTF_8).contains("<job>"));
    }
}
