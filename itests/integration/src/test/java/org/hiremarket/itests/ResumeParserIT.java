package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.inject.Inject;

import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ParsedResume.Education;
import org.hiremarket.resume.ParsedResume.Experience;
import org.hiremarket.resume.ParsedResume.Location;
import org.hiremarket.resume.ResumeParser;
import org.hiremarket.resume.ResumeParser.Unreadable;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The resume parser inside the real distribution: the bundle with Tika embedded resolves and starts
 * as part of hiremarket-core, registers its service, and reads a PDF and a DOCX (written here byte by
 * byte, no library) with Tika's service-loaded detectors working inside the bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ResumeParserIT extends HireMarketTestSupport {

    @Inject
    private ResumeParser parser;

    private static final List<String> RESUME = List.of(
            "Jane Doe",
            "jane.doe@example.com | +44 20 7946 0958 | London, United Kingdom",
            "Experience",
            "Senior Software Engineer, Acme Ltd",
            "Jan 2020 - Present",
            "Software Engineer at Globex Corporation",
            "2016 - 2019",
            "Education",
            "BSc Computer Science",
            "University of Leeds, 2012 - 2015",
            "Skills",
            "Java, Kotlin, PostgreSQL");

    @Test
    public void theBundleIsActiveAndEmbedsTika() {
        Bundle resume = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.hiremarket.resume".equals(b.getSymbolicName())) {
                resume = b;
            }
        }
        assertTrue("org.hiremarket.resume is installed", resume != null);
        assertEquals(Bundle.ACTIVE, resume.getState());
        String classPath = resume.getHeaders().get("Bundle-ClassPath");
        assertTrue(classPath, classPath.contains("tika-core-3.3.1.jar") && classPath.contains("pdfbox-3.0.7.jar"));
    }

    @Test
    public void parsesAPdf() {
        assertJane(parser.parse(pdf(RESUME), "jane.pdf"), "application/pdf");
    }

    @Test
    public void parsesADocx() {
        assertJane(parser.parse(docx(RESUME), "jane.docx"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    public void refusesAZipThatIsNotAResume() {
        try {
            parser.parse(zip(), "notes.zip");
            fail("a ZIP archive was accepted");
        } catch (Unreadable e) {
            assertEquals(Unreadable.Reason.UNSUPPORTED_TYPE, e.reason());
            assertEquals("application/zip", e.mediaType());
        }
    }

    private static void assertJane(ParsedResume r, String type) {
        assertEquals(type, r.mediaType());
        assertEquals("Jane", r.firstName());
        assertEquals("Doe", r.lastName());
        assertEquals("jane.doe@example.com", r.email());
        assertEquals("+44 20 7946 0958", r.phone());
        assertEquals(new Location("London", "GB"), r.location());
        assertEquals(List.of(new Experience("Senior Software Engineer", "Acme Ltd", "2020-01", null, true),
                new Experience("Software Engineer", "Globex Corporation", "2016", "2019", false)), r.experience());
        assertEquals(List.of(new Education("BSc Computer Science", "University of Leeds", 2015)), r.education());
        assertEquals(List.of("Java", "Kotlin", "PostgreSQL"), r.skills());
        assertEquals(List.of(), r.warnings());
    }

    // ------------------------------------------------------------------ documents written by hand

    /** A one-page PDF 1.4 with Helvetica text, one line per entry, and a correct cross-reference table. */
    static byte[] pdf(List<String> lines) {
        StringBuilder content = new StringBuilder("BT /F1 11 Tf 14 TL 56 790 Td\n");
        for (String line : lines) {
            content.append('(').append(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
                    .append(") Tj T*\n");
        }
        content.append("ET");
        List<String> objects = List.of(
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The smallest DOCX Word opens: content types, the package relationship and the document part. */
    static byte[] docx(List<String> lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append("<w:p><w:r><w:t xml:space=\"preserve\">")
                    .append(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</w:t></w:r></w:p>");
        }
        return zipOf(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
                        + "officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                        + "<w:body>" + body + "</w:body></w:document>");
    }

    static byte[] zip() {
        return zipOf("notes/readme.txt", "just some notes");
    }

    private static byte[] zipOf(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
