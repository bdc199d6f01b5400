package org.hiremarket.core.internal.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.hiremarket.core.internal.common.WallClock;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.hiremarket.core.internal.job.JobViews.UpdateJob;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The aggregator feed through the real {@link JobService} on the in-memory database: it carries a
 * company's PUBLIC ads of sourcing jobs, newest first, and nothing else: no INTERNAL or PRIVATE ad,
 * no ad of a job on hold, filled, cancelled or unpublished, nothing of another company. Its entity
 * tag moves with a public ad and stays put when only hidden jobs change.
 */
public class JobFeedServiceTest {

    private static final URI BASE = URI.create("https://jobs.example.com/api/v1/");

    private Database db;
    private JobService jobs;
    private Caller acme;
    private Caller globex;

    @Before
    public void open() {
        db = InMemoryUnit.shared(JobFeedServiceTest.class).database();
        jobs = new JobService(db);
        acme = TestCompanies.create(db, "acme-" + UUID.randomUUID());
        globex = TestCompanies.create(db, "globex-" + UUID.randomUUID());
    }

    /** A new job whose title says what it is (titles are unique, so the bytes can be searched for them). */
    private String job(Caller caller, String title) {
        return jobs.create(caller, new CreateJob(title + " " + UUID.randomUUID(), "SECRET-REF-" + title,
                new LocationIn("US", "Boston", false), new IdRef("computer_software"), new IdRef("engineering"),
                new IdRef("mid_senior_level"), "R&D", 7, new Sections("We are Acme", "Build things", null, null))).id();
    }

    /** A job whose ad is published with a visibility, a millisecond after the previous one. */
    private String published(Caller caller, String title, String visibility) {
        WallClock.nextMillisecond();
        String id = job(caller, title);
        jobs.publish(caller, id, visibility);
        return id;
    }

    private String title(String id) {
        return db.tx(em -> em.find(JobEntity.class, id).getTitle());
    }

    private JobFeed feed(Caller company) {
        return new JobFeed(company.companyId(), "Acme", BASE, jobs.publicFeedAds(company.companyId(), JobFeed.MAX_ADS));
    }

    private static List<String> xmlReferences(JobFeed.Document xml) throws Exception {
        List<String> out = new ArrayList<>();
        for (Element job : JobFeedTest.jobs(JobFeedTest.parse(xml.body()))) {
            out.add(JobFeedTest.fields(job).get("referencenumber"));
        }
        return out;
    }

    private static List<String> jsonLdIdentifiers(JobFeed.Document jsonLd) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode posting : new ObjectMapper().readTree(jsonLd.body()).path("itemListElement")) {
            out.add(posting.path("identifier").path("value").asText());
        }
        return out;
    }

    @Test
    public void theFeedCarriesThePublicAdsOfSourcingJobsOnlyNewestFirst() throws Exception {
        String older = published(acme, "Public older", "PUBLIC");
        List<String> hidden = new ArrayList<>();
        hidden.add(published(acme, "Internal", "INTERNAL"));
        hidden.add(published(acme, "Private", "PRIVATE"));
        String onHold = published(acme, "On hold", "PUBLIC");
        jobs.changeStatus(acme, onHold, "ON_HOLD");
        hidden.add(onHold);
        String filled = published(acme, "Filled", "PUBLIC");
        jobs.changeStatus(acme, filled, "FILLED");
        hidden.add(filled);
        String cancelled = published(acme, "Cancelled", "PUBLIC");
        jobs.changeStatus(acme, cancelled, "CANCELLED");
        hidden.add(cancelled);
        String unpublished = published(acme, "Unpublished", "PUBLIC");
        jobs.unpublish(acme, unpublished);
        hidden.add(unpublished);
        String madeInternal = published(acme, "Made internal", "PUBLIC");
        jobs.publish(acme, madeInternal, "INTERNAL");
        hidden.add(madeInternal);
        hidden.add(job(acme, "Never published"));
        hidden.add(published(globex, "Other company", "PUBLIC"));
        String newer = published(acme, "Public newer", "PUBLIC");

        List<JobFeed.Ad> ads = jobs.publicFeedAds(acme.companyId(), JobFeed.MAX_ADS);
        assertEquals(List.of(newer, older), ads.stream().map(a -> a.view().id()).toList());
        assertEquals(db.tx(em -> Instant.ofEpochMilli(em.find(JobEntity.class, newer).getUpdatedAt())), ads.get(0).changedOn());

        JobFeed feed = feed(acme);
        JobFeed.Document xml = feed.xml();
        JobFeed.Document jsonLd = feed.jsonLd();
        assertEquals(List.of(newer, older), xmlReferences(xml));
        assertEquals(List.of(newer, older), jsonLdIdentifiers(jsonLd));
        for (JobFeed.Document doc : List.of(xml, jsonLd)) {
            String text = new String(doc.body(), StandardCharsets.UTF_8);
            for (String id : hidden) {
                assertFalse(id + " is not in the feed", text.contains(id));
                assertFalse(title(id) + " is not in the feed", text.contains(title(id)));
            }
            assertFalse("the hiring team's reference stays internal", text.contains("SECRET-REF"));
        }
        assertEquals("the other company's feed has its own ad only", 1,
                jobs.publicFeedAds(globex.companyId(), JobFeed.MAX_ADS).size());
    }

    @Test
    public void theFeedHoldsAtMostTheNewestAdsUpToItsCap() {
        String first = published(acme, "First", "PUBLIC");
        String second = published(acme, "Second", "PUBLIC");
        String third = published(acme, "Third", "PUBLIC");
        assertEquals(List.of(third, second), jobs.publicFeedAds(acme.companyId(), 2).stream().map(a -> a.view().id())
                .toList());
        assertEquals(List.of(third, second, first), jobs.publicFeedAds(acme.companyId(), JobFeed.MAX_ADS).stream()
                .map(a -> a.view().id()).toList());
        assertEquals(5_000, JobFeed.MAX_ADS);
    }

    @Test
    public void theEntityTagMovesWithAPublicAdOnlyAndStaysPutOtherwise() {
        String visible = published(acme, "Visible", "PUBLIC");
        String internal = published(acme, "Internal", "INTERNAL");
        String before = feed(acme).xml().entityTag();
        assertEquals("nothing changed", before, feed(acme).xml().entityTag());
        assertEquals(before, feed(acme).xml().entityTag());

        // changes of jobs that are not in the feed, of another company's jobs: the same feed
        WallClock.nextMillisecond();
        jobs.update(acme, internal, new UpdateJob("Renamed internal", null, null, null, null, null, null, null, null));
        published(globex, "Other company", "PUBLIC");
        String other = job(acme, "Draft");
        jobs.changeStatus(acme, other, "ON_HOLD");
        assertEquals(before, feed(acme).xml().entityTag());

        // the public ad edited: another feed, and another again when it is withdrawn
        WallClock.nextMillisecond();
        jobs.update(acme, visible, new UpdateJob("Renamed visible", null, null, null, null, null, null, null, null));
        String edited = feed(acme).xml().entityTag();
        assertNotEquals(before, edited);
        jobs.publish(acme, visible, "PRIVATE");
        assertNotEquals(edited, feed(acme).xml().entityTag());
        assertEquals(List.of(), jobs.publicFeedAds(acme.companyId(), JobFeed.MAX_ADS));
    }
}
