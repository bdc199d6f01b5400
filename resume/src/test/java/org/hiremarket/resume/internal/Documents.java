package org.hiremarket.resume.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * Writes real PDF (PDFBox), DOCX (POI XWPF), RTF, ODT and text files from resume lines, as word
 * processors would: one paragraph per line, headings in bold.
 */
public final class Documents {

    private Documents() {
    }

    public static byte[] text(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] pdf(List<String> lines) {
        return pdf(lines, null);
    }

    /** A PDF; with a user password when {@code password} is not null. */
    public static byte[] pdf(List<String> lines, String password) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            float y = 0;
            PDPageContentStream content = null;
            for (String line : lines) {
                if (content == null || y < 60) {
                    if (content != null) {
                        content.endText();
                        content.close();
                    }
                    PDPage page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    content = new PDPageContentStream(doc, page);
                    content.beginText();
                    y = 790;
                    content.newLineAtOffset(56, y);
                }
                boolean heading = FieldExtractor.heading(line) != null;
                content.setFont(heading ? bold : regular, heading ? 13 : 10.5f);
                content.showText(line);
                float step = heading ? 20 : 14;
                content.newLineAtOffset(0, -step);
                y -= step;
            }
            if (content != null) {
                content.endText();
                content.close();
            }
            if (password != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] docx(List<String> lines) {
        return docx(lines, false);
    }

    /**
     * A DOCX; with {@code contactTable} the first lines up to the first heading go into a one-row
     * table (a common template layout), the rest are paragraphs.
     */
    public static byte[] docx(List<String> lines, boolean contactTable) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            int i = 0;
            if (contactTable) {
                int end = 0;
                while (end < lines.size() && FieldExtractor.heading(lines.get(end)) == null) {
                    end++;
                }
                XWPFTable table = doc.createTable(end, 1);
                for (int r = 0; r < end; r++) {
                    table.getRow(r).getCell(0).setText(lines.get(r));
                }
                i = end;
            }
            for (; i < lines.size(); i++) {
                String line = lines.get(i);
                XWPFParagraph p = doc.createParagraph();
                XWPFRun run = p.createRun();
                boolean heading = FieldExtractor.heading(line) != null;
                run.setBold(heading);
                run.setFontSize(heading ? 13 : 11);
                run.setText(line);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] rtf(List<String> lines) {
        StringBuilder sb = new StringBuilder("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs22\n");
        for (String line : lines) {
            boolean heading = FieldExtractor.heading(line) != null;
            sb.append(heading ? "{\\b " : "");
            for (char c : line.toCharArray()) {
                if (c == '\\' || c == '{' || c == '}') {
                    sb.append('\\').append(c);
                } else if (c > 127) {
                    sb.append("\\u").append((int) c).append('?');
                } else {
                    sb.append(c);
                }
            }
            sb.append(heading ? "}" : "").append("\\par\n");
        }
        return sb.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] odt(List<String> lines) {
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            body.append("<text:p>").append(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</text:p>");
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
                + " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest"
                + " xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                + "</manifest:manifest>";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] mime = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry m = new ZipEntry("mimetype");
            m.setMethod(ZipEntry.STORED);
            m.setSize(mime.length);
            CRC32 crc = new CRC32();
            crc.update(mime);
            m.setCrc(crc.getValue());
            zip.putNextEntry(m);
            zip.write(mime);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
            zip.write(manifest.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A ZIP archive with one text file: not a word-processing document. */
    public static byte[] zip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes/readme.txt"));
            zip.write("just some notes".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A small PNG. */
    public static byte[] png() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
