package org.hiremarket.core.internal.job;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.hiremarket.core.internal.job.JobViews.JobAdView;
import org.hiremarket.core.internal.job.JobViews.LocationView;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The aggregator feed built from given ads: the XML feed read back by the JDK's parser carries
 * exactly those ads, in their order, with their text intact however it is written; the JSON-LD has
 * the schema.org fields; the entity tag is the digest of the bytes, stable for the same ads and
 * changed by any change of one.
 */
public class JobFeedTest {

    static final URI BASE = URI.create("https://jobs.example.com/api/v1/");
    static final String COMPANY = "Smith & Sons <Ltd> \"Ops\"";
    static final Instant PUBLISHED = Instant.parse("2024-03-05T09:07:03.456Z");
    static final Instant CHANGED = Instant.parse("2024-03-06T10:00:59.999Z");

    /** Text a naive writer would break the XML (or a page embedding the JSON-LD) with. */
    static final String NASTY = "R&D <Lead> ]]> \"quoted\" 'single' </script><script>alert(1)</script> é 日本 \uD83D\uDE00";

    static LocationView location(String city, String regionCode, String region, String postalCode, String address,
            boolean remote, boolean hybrid) {
        return new LocationView("United States", "US", regionCode, region, city, address, postalCode, remote, hybrid,
                null, null);
    }

    static JobAdView ad(String id, String title, LocationView location, Sections description, Instant publishedOn) {
        return new JobAdView(id, title, location, new JobReference.Item("computer_software", "Computer Software"),
                new JobReference.Item("engineering", "Engineering"), new JobReference.Item("entry_level", "Entry level"),
                "R&D", description, AdVisibility.PUBLIC, publishedOn);
    }

    /** Two ads: the newer one remote, in California, with every field; the older one on site, with the least. */
    static List<JobFeed.Ad> twoAds() {
        JobAdView first = ad("job-1", NASTY, location("San Francisco", "CA", "California", "94105", "1 Market St", true,
                false), new Sections("We & you", "Build <things>\r\nand more", "Java", "None"), PUBLISHED);
        JobAdView second = ad("job-2", "Nurse", location("Boston", null, "Massachusetts", null, null, false, false),
                new Sections(null, "Care", null, null), PUBLISHED.minusSeconds(86_400));
        return List.of(new JobFeed.Ad(first, CHANGED), new JobFeed.Ad(second, PUBLISHED.minusSeconds(3600)));
    }

    static JobFeed feed(List<JobFeed.Ad> ads) {
        return new JobFeed("company-1", COMPANY, BASE, ads);
    }

    // ------------------------------------------------------------------------------ XML

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The child elements of an element, by name and text, in document order. */
    static Map<String, String> fields(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.put(n.getNodeName(), n.getTextContent());
            }
        }
        return out;
    }

    static List<Element> jobs(Document d) {
        NodeList nodes = d.getDocumentElement().getElementsByTagName("job");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    @Test
    public void theXmlFeedParsesAndCarriesExactlyTheGivenAdsWithTheirTextIntact() throws Exception {
        JobFeed.Document doc = feed(twoAds()).xml();
        assertEquals(JobFeed.XML, doc.mediaType());
        String raw = new String(doc.body(), StandardCharsets.UTF_8);
        assertTrue(raw, raw.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><source>"));
        assertFalse("markup in the text is escaped, not written", raw.contains("<script>") || raw.contains("<Lead>"));

        Document d = parse(doc.body());
        assertEquals("source", d.getDocumentElement().getNodeName());
        Map<String, String> source = fields(d.getDocumentElement());
        assertEquals(COMPANY, source.get("publisher"));
        assertEquals("https://jobs.example.com/api/v1/public/companies/company-1/jobs", source.get("publisherurl"));
        assertEquals("the latest change of an ad", "Wed, 6 Mar 2024 10:00:59 GMT", source.get("lastBuildDate"));

        List<Element> jobs = jobs(d);
        assertEquals(2, jobs.size());
        Map<String, String> first = new LinkedHashMap<>();
        first.put("title", NASTY);
        first.put("date", "Tue, 5 Mar 2024 09:07:03 GMT");
        first.put("referencenumber", "job-1");
        first.put("url", "https://jobs.example.com/api/v1/public/companies/company-1/jobs/job-1");
        first.put("company", COMPANY);
        first.put("city", "San Francisco");
        first.put("state", "CA");
        first.put("country", "US");
        first.put("postalcode", "94105");
        first.put("streetaddress", "1 Market St");
        first.put("description", "About the company\nWe & you\n\nThe job\nBuild <things>\nand more\n\n"
                + "Qualifications\nJava\n\nAdditional information\nNone");
        first.put("category", "Engineering");
        first.put("remotetype", "Fully remote");
        assertEquals(first, fields(jobs.get(0)));
        // the older ad second; what it lacks is left out, not written empty
        Map<String, String> second = new LinkedHashMap<>();
        second.put("title", "Nurse");
        second.put("date", "Mon, 4 Mar 2024 09:07:03 GMT");
        second.put("referencenumber", "job-2");
        second.put("url", "https://jobs.example.com/api/v1/public/companies/company-1/jobs/job-2");
        second.put("company", COMPANY);
        second.put("city", "Boston");
        second.put("state", "Massachusetts");
        second.put("country", "US");
        second.put("description", "The job\nCare");
        second.put("category", "Engineering");
        assertEquals(second, fields(jobs.get(1)));
    }

    @Test
    public void aHybridJobIsHybridRemote() throws Exception {
        JobAdView hybrid = ad("job-3", "Hybrid", location("Austin", "TX", null, null, null, false, true), null, PUBLISHED);
        Map<String, String> job = fields(jobs(parse(feed(List.of(new JobFeed.Ad(hybrid, PUBLISHED))).xml().body())).get(0));
        assertEquals("Hybrid remote", job.get("remotetype"));
        assertNull("no sections, no description", job.get("description"));
        JsonNode posting = new ObjectMapper().readTree(feed(List.of(new JobFeed.Ad(hybrid, PUBLISHED))).jsonLd().body())
                .path("itemListElement").get(0);
        assertFalse("TELECOMMUTE is for fully remote jobs", posting.has("jobLocationType"));
    }

    @Test
    public void aFeedWithoutAdsHasItsPublisherAndNoDate() throws Exception {
        JobFeed.Document doc = feed(List.of()).xml();
        Document d = parse(doc.body());
        assertEquals(List.of("publisher", "publisherurl"), new ArrayList<>(fields(d.getDocumentElement()).keySet()));
        assertEquals(Optional.empty(), doc.lastModified());
        JsonNode ld = new ObjectMapper().readTree(feed(List.of()).jsonLd().body());
        assertEquals(0, ld.path("numberOfItems").asInt(-1));
        assertEquals(0, ld.path("itemListElement").size());
        assertFalse(ld.has("dateModified"));
    }

    @Test
    public void charactersXmlCannotCarryAreReplacedSoTheFeedStillParses() throws Exception {
        assertEquals("\t\n\r \uD7FF\uE000\uFFFD\uD800\uDC00", JobFeed.xmlChars("\t\n\r \uD7FF\uE000\uFFFD\uD800\uDC00"));
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD", JobFeed.xmlChars("a\u0000b\u001Fc\uFFFEd\uFFFFe\uD800f\uDC00"));
        JobAdView odd = ad("job-4", "Odd\u0001title\uFFFF", location("Oslo", null, null, null, null, false, false), null,
                PUBLISHED);
        JobFeed f = new JobFeed("company-1", "Co\u0002", BASE, List.of(new JobFeed.Ad(odd, PUBLISHED)));
        Document d = parse(f.xml().body());
        assertEquals("Odd\uFFFDtitle\uFFFD", fields(jobs(d).get(0)).get("title"));
        assertEquals("Co\uFFFD", fields(d.getDocumentElement()).get("publisher"));
        assertEquals("Odd\uFFFDtitle\uFFFD", new ObjectMapper().readTree(f.jsonLd().body()).path("itemListElement")
                .get(0).path("title").asText());
    }

    // ------------------------------------------------------------------------------ JSON-LD

    @Test
    public void theJsonLdIsAnItemListOfSchemaOrgJobPostings() throws Exception {
        JobFeed.Document doc = feed(twoAds()).jsonLd();
        assertEquals(JobFeed.JSON_LD, doc.mediaType());
        String raw = new String(doc.body(), StandardCharsets.UTF_8);
        assertFalse("< > & are escaped, so a page can embed it in a script element",
                raw.contains("<") || raw.contains(">") || raw.contains("&"));
        assertTrue(raw, raw.contains("\\u003C/script\\u003E"));

        JsonNode root = new ObjectMapper().readTree(doc.body());
        assertEquals("https://schema.org", root.path("@context").asText());
        assertEquals("ItemList", root.path("@type").asText());
        assertEquals("Jobs at " + COMPANY, root.path("name").asText());
        assertEquals("https://jobs.example.com/api/v1/public/companies/company-1/jobs", root.path("url").asText());
        assertEquals("2024-03-06T10:00:59Z", root.path("dateModified").asText());
        assertEquals("https://schema.org/ItemListOrderDescending", root.path("itemListOrder").asText());
        assertEquals(2, root.path("numberOfItems").asInt());
        assertEquals(2, root.path("itemListElement").size());

        JsonNode p = root.path("itemListElement").get(0);
        assertEquals("JobPosting", p.path("@type").asText());
        assertEquals(NASTY, p.path("title").asText());
        assertEquals("About the company\nWe & you\n\nThe job\nBuild <things>\nand more\n\nQualifications\nJava\n\n"
                + "Additional information\nNone", p.path("description").asText());
        assertEquals("2024-03-05T09:07:03Z", p.path("datePosted").asText());
        assertEquals("Organization", p.path("hiringOrganization").path("@type").asText());
        assertEquals(COMPANY, p.path("hiringOrganization").path("name").asText());
        assertEquals("Place", p.path("jobLocation").path("@type").asText());
        JsonNode address = p.path("jobLocation").path("address");
        assertEquals("PostalAddress", address.path("@type").asText());
        assertEquals("1 Market St", address.path("streetAddress").asText());
        assertEquals("San Francisco", address.path("addressLocality").asText());
        assertEquals("CA", address.path("addressRegion").asText());
        assertEquals("94105", address.path("postalCode").asText());
        assertEquals("US", address.path("addressCountry").asText());
        assertEquals("TELECOMMUTE", p.path("jobLocationType").asText());
        assertEquals("PropertyValue", p.path("identifier").path("@type").asText());
        assertEquals(COMPANY, p.path("identifier").path("name").asText());
        assertEquals("job-1", p.path("identifier").path("value").asText());
        assertEquals("https://jobs.example.com/api/v1/public/companies/company-1/jobs/job-1", p.path("url").asText());
        assertTrue(p.path("directApply").isBoolean());
        assertFalse("the URL is the ad, not an application form", p.path("directApply").asBoolean(true));
        assertEquals("Computer Software", p.path("industry").asText());
        assertEquals("Engineering", p.path("occupationalCategory").asText());

        JsonNode older = root.path("itemListElement").get(1);
        assertEquals("job-2", older.path("identifier").path("value").asText());
        assertFalse("on site", older.has("jobLocationType"));
        JsonNode olderAddress = older.path("jobLocation").path("address");
        assertEquals("Massachusetts", olderAddress.path("addressRegion").asText());
        assertFalse(olderAddress.has("postalCode") || olderAddress.has("streetAddress"));
        assertEquals("The job\nCare", older.path("description").asText());
    }

    // ------------------------------------------------------------------------------ entity tags

    @Test
    public void theEntityTagIsTheDigestOfTheBytesAndStableForTheSameAds() throws Exception {
        for (boolean xml : new boolean[] { true, false }) {
            JobFeed.Document a = xml ? feed(twoAds()).xml() : feed(twoAds()).jsonLd();
            JobFeed.Document b = xml ? feed(twoAds()).xml() : feed(twoAds()).jsonLd();
            assertArrayEquals(a.body(), b.body());
            assertEquals(a.entityTag(), b.entityTag());
            String digest = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(a.body()));
            assertEquals(digest, a.entityTag());
            assertEquals(Optional.of(Instant.parse("2024-03-06T10:00:59Z")), a.lastModified());
        }
        assertNotEquals(feed(twoAds()).xml().entityTag(), feed(twoAds()).jsonLd().entityTag());
    }

    @Test
    public void anyChangeOfAnAdChangesTheEntityTag() {
        List<JobFeed.Ad> ads = twoAds();
        JobAdView first = ads.get(0).view();
        JobAdView retitled = new JobAdView(first.id(), "Another title", first.location(), first.industry(),
                first.function(), first.experienceLevel(), first.department(), first.description(), first.visibility(),
                first.publishedOn());
        List<List<JobFeed.Ad>> changed = List.of(
                List.of(new JobFeed.Ad(retitled, CHANGED), ads.get(1)),
                List.of(ads.get(0)),
                List.of(ads.get(1), ads.get(0)),
                List.of(new JobFeed.Ad(first, CHANGED.plusSeconds(1)), ads.get(1)));
        String xml = feed(ads).xml().entityTag();
        String ld = feed(ads).jsonLd().entityTag();
        for (List<JobFeed.Ad> c : changed) {
            assertNotEquals(xml, feed(c).xml().entityTag());
            assertNotEquals(ld, feed(c).jsonLd().entityTag());
        }
        assertNotEquals("another company name", xml, new JobFeed("company-1", "Other", BASE, ads).xml().entityTag());
        assertNotEquals("another public base", xml,
                new JobFeed("company-1", COMPANY, URI.create("https://other.example/api/v1/"), ads).xml().entityTag());
    }

    // ------------------------------------------------------------------------------ parts

    @Test
    public void linksEncodeTheirSegmentsAndTakeABaseWithOrWithoutItsSlash() {
        JobFeed f = new JobFeed("a b/c", COMPANY, URI.create("http://127.0.0.1:8181/api/v1"), List.of());
        assertEquals("http://127.0.0.1:8181/api/v1/public/companies/a%20b%2Fc/jobs", f.listUrl().toString());
        assertEquals("http://127.0.0.1:8181/api/v1/public/companies/a%20b%2Fc/jobs/j%3F1", f.adUrl("j?1").toString());
    }

    @Test
    public void descriptionsRegionsAndDates() {
        assertNull(JobFeed.description(null));
        assertNull(JobFeed.description(new Sections(null, " ", "\n", null)));
        assertEquals("Qualifications\na\nb\nc", JobFeed.description(new Sections(null, null, " a\r\nb\rc\n", null)));
        assertEquals("CA", JobFeed.region(location("x", "CA", "California", null, null, false, false)));
        assertEquals("California", JobFeed.region(location("x", " ", "California", null, null, false, false)));
        assertNull(JobFeed.region(location("x", null, null, null, null, false, false)));
        assertEquals("Tue, 3 Jun 2008 11:05:30 GMT", JobFeed.rfc1123(Instant.parse("2008-06-03T11:05:30.999Z")));
        assertEquals(Optional.of(Instant.parse("2024-03-06T10:00:59Z")), feed(twoAds()).lastModified());
    }
}
