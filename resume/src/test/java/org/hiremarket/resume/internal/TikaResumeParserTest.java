package org.hiremarket.resume.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ParsedResume.Education;
import org.hiremarket.resume.ParsedResume.Experience;
import org.hiremarket.resume.ParsedResume.Location;
import org.hiremarket.resume.ResumeParser;
import org.hiremarket.resume.ResumeParser.Unreadable;
import org.hiremarket.resume.ResumeParser.Unreadable.Reason;
import org.junit.AfterClass;
import org.junit.Test;

/** Real documents written in the test (PDFBox, POI, RTF, ODT, text) through Tika and the field extraction. */
public class TikaResumeParserTest {

    private static final TikaResumeParser PARSER = new TikaResumeParser();

    @AfterClass
    public static void close() {
        PARSER.close();
    }

    private static final String PDF = "application/pdf";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // ------------------------------------------------------------------ the layouts, in each format

    @Test
    public void classicLayoutFromPdf() {
        assertClassic(PARSER.parse(Documents.pdf(Samples.CLASSIC), "jane-doe.pdf"), PDF);
    }

    @Test
    public void classicLayoutFromDocx() {
        assertClassic(PARSER.parse(Documents.docx(Samples.CLASSIC), "jane-doe.docx"), DOCX);
    }

    @Test
    public void classicLayoutFromDocxWithTheContactDetailsInATable() {
        assertClassic(PARSER.parse(Documents.docx(Samples.CLASSIC, true), "jane-doe.docx"), DOCX);
    }

    @Test
    public void classicLayoutFromRtfOdtAndText() {
        assertClassic(PARSER.parse(Documents.rtf(Samples.CLASSIC), "jane-doe.rtf"), "application/rtf");
        assertClassic(PARSER.parse(Documents.odt(Samples.CLASSIC), "jane-doe.odt"), "application/vnd.oasis.opendocument.text");
        assertClassic(PARSER.parse(Documents.text(Samples.CLASSIC), "jane-doe.txt"), "text/plain");
    }

    @Test
    public void typeComesFromTheContentNotTheName() {
        assertClassic(PARSER.parse(Documents.pdf(Samples.CLASSIC), "resume.docx"), PDF);
        assertClassic(PARSER.parse(Documents.docx(Samples.CLASSIC), null), DOCX);
    }

    private static void assertClassic(ParsedResume r, String type) {
        assertEquals(type, r.mediaType());
        assertEquals("Jane", r.firstName());
        assertEquals("Doe", r.lastName());
        assertEquals("jane.doe@example.com", r.email());
        assertEquals("+44 20 7946 0958", r.phone());
        assertEquals(new Location("London", "GB"), r.location());
        assertEquals(List.of(
                new Experience("Senior Software Engineer", "Acme Ltd", "2020-01", null, true),
                new Experience("Software Engineer", "Globex Corporation", "2016", "2019", false)), r.experience());
        assertEquals(List.of(new Education("BSc Computer Science", "University of Leeds", 2015)), r.education());
        assertEquals(List.of("Java", "Kotlin", "PostgreSQL", "Kubernetes", "Kafka"), r.skills());
        assertEquals(List.of(), r.warnings());
        assertTrue(r.text(), r.text().contains("Cut p99 latency of the order API by 40%."));
    }

    @Test
    public void usLayoutFromPdfAndDocx() {
        for (ParsedResume r : List.of(PARSER.parse(Documents.pdf(Samples.US), "smith.pdf"),
                PARSER.parse(Documents.docx(Samples.US), "smith.docx"))) {
            assertEquals("John", r.firstName());
            assertEquals("Smith", r.lastName());
            assertEquals("john.smith@mail.test", r.email());
            assertEquals("(512) 555-0199", r.phone());
            assertEquals(new Location("Austin", "US"), r.location());
            assertEquals(List.of(
                    new Experience("Product Manager", "Globex Corporation", "2018-03", "2021-11", false),
                    new Experience("Business Analyst", "Initech", "2015", "2018", false)), r.experience());
            assertEquals(List.of(
                    new Education("MBA", "University of Texas at Austin", 2015),
                    new Education("Bachelor of Arts in Economics", "Rice University", 2011)), r.education());
            assertEquals(List.of("Roadmapping", "SQL", "Stakeholder management"), r.skills());
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    public void labelledLayoutFromPdfAndDocx() {
        for (ParsedResume r : List.of(PARSER.parse(Documents.pdf(Samples.LABELLED), "cv.pdf"),
                PARSER.parse(Documents.docx(Samples.LABELLED), "cv.docx"))) {
            assertEquals("Anna", r.firstName());
            assertEquals("M\u00fcller", r.lastName());
            assertEquals("anna.mueller@beispiel.de", r.email());
            assertEquals("+49 30 1234567", r.phone());
            assertEquals(new Location("Berlin", "DE"), r.location());
            assertEquals(List.of(
                    new Experience("Data Scientist", "Zalando SE", "2019-04", null, true),
                    new Experience("Research Assistant", "Humboldt University of Berlin", "2016-09", "2019-03", false)),
                    r.experience());
            assertEquals(List.of(new Education("MSc Statistics", "Humboldt University of Berlin", 2017)), r.education());
            assertEquals(List.of("Python", "R", "Spark", "Airflow"), r.skills());
            assertEquals(List.of(), r.warnings());
        }
    }

    @Test
    public void minimalResumeGetsTheNameFromTheEmailAndSaysWhatIsMissing() {
        ParsedResume r = PARSER.parse(Documents.docx(Samples.MINIMAL), "cv.docx");
        assertEquals("Maria", r.firstName());
        assertEquals("Garcia", r.lastName());
        assertEquals("maria.garcia@example.org", r.email());
        assertNull(r.phone());
        assertNull(r.location());
        assertTrue(r.experience().isEmpty());
        assertEquals(List.of("no phone number found", "name taken from the email address", "no location found",
                "no experience section found", "no education section found", "no skills section found"), r.warnings());
    }

    @Test
    public void textIsCutAtTheLimitWithAWarning() {
        List<String> lines = new ArrayList<>(Samples.CLASSIC);
        String filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(2);
        while (lines.size() < 2_000) {
            lines.add(filler);
        }
        ParsedResume r = PARSER.parse(Documents.text(lines), "long.txt");
        assertEquals(ResumeParser.MAX_TEXT_CHARS, r.text().length());
        assertTrue(r.warnings().toString(), r.warnings().contains("text cut at 100000 characters"));
        assertEquals("jane.doe@example.com", r.email());
    }

    @Test
    public void aPdfWithoutTextSaysSo() {
        ParsedResume r = PARSER.parse(Documents.pdf(List.of()), "scan.pdf");
        assertEquals(PDF, r.mediaType());
        assertTrue(r.warnings().toString(), r.warnings().contains("no text found (a scanned resume? images are not read)"));
    }

    // ------------------------------------------------------------------ refusals

    @Test
    public void emptyFile() {
        Unreadable e = refused(new byte[0], "cv.pdf", Reason.EMPTY);
        assertEquals("The file is empty.", e.getMessage());
        refused(null, "cv.pdf", Reason.EMPTY);
    }

    @Test
    public void oversizedFile() {
        byte[] big = new byte[ResumeParser.MAX_DOCUMENT_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        Unreadable e = refused(big, "cv.txt", Reason.TOO_LARGE);
        assertEquals("The file has 5242881 bytes; a resume may have at most 5242880 bytes (5 MiB).", e.getMessage());
        // exactly at the limit is read
        byte[] atLimit = Arrays.copyOf(Documents.text(Samples.CLASSIC), ResumeParser.MAX_DOCUMENT_BYTES);
        Arrays.fill(atLimit, Documents.text(Samples.CLASSIC).length, atLimit.length, (byte) ' ');
        assertEquals("jane.doe@example.com", PARSER.parse(atLimit, "cv.txt").email());
    }

    @Test
    public void corruptPdf() {
        byte[] bad = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n\u0000\u0001garbage without xref or trailer"
                .getBytes(StandardCharsets.ISO_8859_1);
        Unreadable e = refused(bad, "cv.pdf", Reason.CORRUPT);
        assertEquals(PDF, e.mediaType());
        assertTrue(e.getMessage(), e.getMessage().startsWith("The file looks like a PDF but is damaged and could not be read: "));
    }

    @Test
    public void zipThatIsNotADocx() {
        Unreadable named = refused(Documents.zip(), "cv.docx", Reason.CORRUPT);
        assertEquals("The file looks like a Word document (DOCX) but is damaged and could not be read: Package should"
                + " contain a content type part [M1.13]", named.getMessage());
        Unreadable e = refused(Documents.zip(), "notes.zip", Reason.UNSUPPORTED_TYPE);
        assertEquals("A resume must be a PDF, DOCX, DOC, RTF, ODT or plain-text file; this one is a ZIP archive that is"
                + " not a Word document (application/zip).", e.getMessage());
    }

    @Test
    public void truncatedDocx() {
        byte[] docx = Documents.docx(Samples.CLASSIC);
        Unreadable e = refused(Arrays.copyOf(docx, docx.length / 2), "cv.docx", null);
        assertTrue(e.reason() + ": " + e.getMessage(), e.reason() == Reason.CORRUPT || e.reason() == Reason.UNSUPPORTED_TYPE);
    }

    @Test
    public void image() {
        Unreadable e = refused(Documents.png(), "photo.pdf", Reason.UNSUPPORTED_TYPE);
        assertEquals("image/png", e.mediaType());
        assertEquals("A resume must be a PDF, DOCX, DOC, RTF, ODT or plain-text file; this one is an image (image/png).",
                e.getMessage());
    }

    @Test
    public void passwordProtectedPdf() {
        Unreadable e = refused(Documents.pdf(Samples.CLASSIC, "secret"), "cv.pdf", Reason.ENCRYPTED);
        assertEquals("The document is encrypted or password-protected; upload it without a password.", e.getMessage());
    }

    @Test
    public void aParseOverTheTimeLimitIsAbandoned() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.addAll(Samples.CLASSIC);
        }
        byte[] pdf = Documents.pdf(lines);
        try (TikaResumeParser hasty = new TikaResumeParser(Duration.ofMillis(1))) {
            Unreadable e = refused(hasty, pdf, Reason.TIMEOUT);
            assertEquals("The document could not be read within 0 s.", e.getMessage());
        }
    }

    @Test
    public void parsesConcurrently() throws Exception {
        byte[] pdf = Documents.pdf(Samples.CLASSIC);
        byte[] docx = Documents.docx(Samples.US);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        assertEquals("jane.doe@example.com", PARSER.parse(pdf, "a.pdf").email());
                        assertEquals("john.smith@mail.test", PARSER.parse(docx, "b.docx").email());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(60_000);
        }
        assertEquals(List.of(), failures);
    }

    private static Unreadable refused(byte[] doc, String name, Reason reason) {
        return refused(PARSER, doc, reason, name);
    }

    private static Unreadable refused(ResumeParser parser, byte[] doc, Reason reason) {
        return refused(parser, doc, reason, "cv.pdf");
    }

    private static Unreadable refused(ResumeParser parser, byte[] doc, Reason reason, String name) {
        try {
            ParsedResume r = parser.parse(doc, name);
            fail("expected a refusal, got " + r);
            return null;
        } catch (Unreadable e) {
            if (reason != null) {
                assertEquals(e.getMessage(), reason, e.reason());
            }
            assertFalse(e.getMessage().isBlank());
            return e;
        }
    }

}
