package org.hiremarket.core.internal.job;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.hiremarket.core.internal.job.JobViews.JobAdView;
import org.hiremarket.core.internal.job.JobViews.LocationView;
import org.hiremarket.core.internal.job.JobViews.Sections;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A company's public job feed for aggregators that pull it (issue 27), made of its {@code PUBLIC}
 * ads of sourcing jobs ({@link JobService#publicFeedAds}) in two shapes: the widely used XML job
 * feed ({@code <source>} with {@code <publisher>}, {@code <publisherurl>}, {@code <lastBuildDate>}
 * and one {@code <job>} per ad) and schema.org {@code JobPosting}s in a JSON-LD {@code ItemList}.
 *
 * <p>Only what the public ad shows goes in ({@link JobAdView}: no reference number of the hiring
 * team, no headcount): the reference is the job's id, the URL the public ad's address on this host.
 * Building is pure: the same ads, company and base give the same bytes, so the entity tag, a
 * SHA-256 of the bytes, changes exactly when the document does.
 */
public final class JobFeed {

    /** At most this many ads go into a feed: the newest ones (the public job list pages through all). */
    public static final int MAX_ADS = 5_000;

    public static final String XML = "application/xml";
    public static final String JSON_LD = "application/ld+json";

    /** The XML feed's {@code remotetype} of a fully remote and of a hybrid job. */
    static final String FULLY_REMOTE = "Fully remote";
    static final String HYBRID_REMOTE = "Hybrid remote";

    private static final ObjectMapper JSON = JsonMapper
            .builder(new JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes()).build()).build();

    /**
     * One ad of the feed.
     *
     * @param view      the ad as everyone sees it
     * @param changedOn when its job last changed (what {@code Last-Modified} is made of)
     */
    public record Ad(JobAdView view, Instant changedOn) {
    }

    /**
     * A feed as it is served.
     *
     * @param body         its bytes (UTF-8)
     * @param mediaType    {@link #XML} or {@link #JSON_LD}
     * @param entityTag    the strong entity tag of the bytes, without its quotes (base64url of their SHA-256)
     * @param lastModified the latest change of one of its ads, to the second; empty for a feed without ads
     */
    public record Document(byte[] body, String mediaType, String entityTag, Optional<Instant> lastModified) {
    }

    private final String companyId;
    private final String companyName;
    private final URI apiBase;
    private final List<Ad> ads;

    /**
     * @param companyId   the company whose ads these are
     * @param companyName its name: the publisher and every ad's company
     * @param apiBase     the API's public base, such as {@code https://jobs.example.com/api/v1/}
     * @param ads         the ads in the order the feed lists them (newest first)
     */
    public JobFeed(String companyId, String companyName, URI apiBase, List<Ad> ads) {
        this.companyId = Objects.requireNonNull(companyId);
        this.companyName = Objects.requireNonNull(companyName);
        String base = apiBase.toString();
        this.apiBase = URI.create(base.endsWith("/") ? base : base + "/");
        this.ads = List.copyOf(ads);
    }

    /** The public job list the feed comes from: {@code <publisherurl>}. */
    public URI listUrl() {
        return apiBase.resolve("public/companies/" + segment(companyId) + "/jobs");
    }

    /** Where the public ad is read: each job's {@code <url>}. */
    public URI adUrl(String jobId) {
        return apiBase.resolve("public/companies/" + segment(companyId) + "/jobs/" + segment(jobId));
    }

    /** The latest change of one of the ads, to the second; empty when there is none. */
    public Optional<Instant> lastModified() {
        return ads.stream().map(Ad::changedOn).filter(Objects::nonNull).max(Instant::compareTo)
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS));
    }

    // ------------------------------------------------------------------------------ XML

    /** The XML job feed, written by the JDK's StAX writer (every text escaped by it). */
    public Document xml() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("source");
            element(w, "publisher", companyName);
            element(w, "publisherurl", listUrl().toString());
            element(w, "lastBuildDate", lastModified().map(JobFeed::rfc1123).orElse(null));
            for (Ad ad : ads) {
                job(w, ad.view());
            }
            w.writeEndElement();
            w.writeEndDocument();
            w.flush();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the XML job feed could not be written", e);
        }
        return document(out.toByteArray(), XML);
    }

    private void job(XMLStreamWriter w, JobAdView ad) throws XMLStreamException {
        LocationView l = ad.location();
        w.writeStartElement("job");
        element(w, "title", ad.title());
        element(w, "date", ad.publishedOn() == null ? null : rfc1123(ad.publishedOn()));
        element(w, "referencenumber", ad.id());
        element(w, "url", adUrl(ad.id()).toString());
        element(w, "company", companyName);
        element(w, "city", l.city());
        element(w, "state", region(l));
        element(w, "country", l.countryCode());
        element(w, "postalcode", l.postalCode());
        element(w, "streetaddress", l.address());
        element(w, "description", description(ad.description()));
        element(w, "category", ad.function() == null ? null : ad.function().label());
        element(w, "remotetype", l.remote() ? FULLY_REMOTE : l.hybrid() ? HYBRID_REMOTE : null);
        w.writeEndElement();
    }

    /** An element with text; none at all for a missing or blank value. */
    private static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        if (text == null || text.isBlank()) {
            return;
        }
        w.writeStartElement(name);
        w.writeCharacters(xmlChars(text));
        w.writeEndElement();
    }

    // ------------------------------------------------------------------------------ JSON-LD

    /** The schema.org JSON-LD: an {@code ItemList} of {@code JobPosting}s, written by Jackson. */
    public Document jsonLd() {
        ObjectNode root = JSON.createObjectNode();
        root.put("@context", "https://schema.org");
        root.put("@type", "ItemList");
        root.put("name", text("Jobs at " + companyName));
        root.put("url", listUrl().toString());
        lastModified().ifPresent(t -> root.put("dateModified", t.toString()));
        root.put("itemListOrder", "https://schema.org/ItemListOrderDescending");
        root.put("numberOfItems", ads.size());
        ArrayNode items = root.putArray("itemListElement");
        for (Ad ad : ads) {
            items.add(posting(ad.view()));
        }
        try {
            return document(JSON.writeValueAsBytes(root), JSON_LD);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the JSON-LD job feed could not be written", e);
        }
    }

    private ObjectNode posting(JobAdView ad) {
        ObjectNode p = JSON.createObjectNode();
        p.put("@type", "JobPosting");
        p.put("title", text(ad.title()));
        put(p, "description", description(ad.description()));
        put(p, "datePosted", ad.publishedOn() == null ? null : ad.publishedOn().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode org = p.putObject("hiringOrganization");
        org.put("@type", "Organization");
        org.put("name", text(companyName));
        ObjectNode place = p.putObject("jobLocation");
        place.put("@type", "Place");
        place.set("address", address(ad.location()));
        if (ad.location().remote()) {
            p.put("jobLocationType", "TELECOMMUTE");
        }
        ObjectNode id = p.putObject("identifier");
        id.put("@type", "PropertyValue");
        id.put("name", text(companyName));
        id.put("value", ad.id());
        p.put("url", adUrl(ad.id()).toString());
        // the URL is the ad; applying takes the company's own way, not a form behind that URL
        p.put("directApply", false);
        put(p, "industry", ad.industry() == null ? null : ad.industry().label());
        put(p, "occupationalCategory", ad.function() == null ? null : ad.function().label());
        return p;
    }

    private static ObjectNode address(LocationView l) {
        ObjectNode a = JSON.createObjectNode();
        a.put("@type", "PostalAddress");
        put(a, "streetAddress", l.address());
        put(a, "addressLocality", l.city());
        put(a, "addressRegion", region(l));
        put(a, "postalCode", l.postalCode());
        put(a, "addressCountry", l.countryCode());
        return a;
    }

    /** A text field; none at all for a missing or blank value. */
    private static void put(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, text(value));
        }
    }

    /**
     * Also escapes {@code <}, {@code >} and {@code &} ({@code \u003C}, ...), which JSON allows as
     * they are: a page that embeds the JSON-LD in a {@code <script>} element stays one element.
     */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();

        HtmlSafeEscapes() {
            escapes['<'] = ESCAPE_STANDARD;
            escapes['>'] = ESCAPE_STANDARD;
            escapes['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------ shared

    /** The region as feeds expect it: its code (such as {@code CA}) when there is one, else its name. */
    static String region(LocationView l) {
        return l.regionCode() != null && !l.regionCode().isBlank() ? l.regionCode() : l.region();
    }

    /**
     * The ad's text as plain text: its sections, each under its heading, in the order the ad shows
     * them, with line breaks as {@code \n}; {@code null} when it has none.
     */
    static String description(Sections s) {
        if (s == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        section(parts, "About the company", s.companyDescription());
        section(parts, "The job", s.jobDescription());
        section(parts, "Qualifications", s.qualifications());
        section(parts, "Additional information", s.additionalInformation());
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    private static void section(List<String> parts, String heading, String text) {
        if (text != null && !text.isBlank()) {
            parts.add(heading + "\n" + text.strip().replace("\r\n", "\n").replace('\r', '\n'));
        }
    }

    /**
     * The text with every character XML 1.0 cannot carry (control characters other than tab and
     * line breaks, lone surrogates, U+FFFE, U+FFFF) replaced by U+FFFD.
     */
    static String xmlChars(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.appendCodePoint(xmlChar(c) ? c : 0xFFFD));
        return out.toString();
    }

    private static boolean xmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || c >= 0x10000;
    }

    /**
     * A text of the JSON-LD: it loses the characters the XML feed's texts lose (lone surrogates,
     * which UTF-8 cannot carry, among them), so that both feeds say the same.
     */
    private static String text(String s) {
        return xmlChars(s);
    }

    /** RFC 1123 date and time in GMT, as the XML feed's dates are written ({@code Tue, 3 Jun 2008 11:05:30 GMT}). */
    static String rfc1123(Instant t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    }

    private Document document(byte[] body, String mediaType) {
        return new Document(body, mediaType, entityTag(body), lastModified());
    }

    /** base64url (no padding) of the SHA-256 of the bytes: a strong entity tag, without its quotes. */
    static String entityTag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** One path segment, percent-encoded (ids are opaque). */
    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
