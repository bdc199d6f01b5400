package org.hiremarket.resume.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.tika.config.LoadErrorHandler;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.DefaultEncodingDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.OfficeParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.sax.BodyContentHandler;
import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ResumeParser;
import org.hiremarket.resume.ResumeParser.Unreadable.Reason;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.xml.sax.SAXException;

/**
 * {@link ResumeParser} on Apache Tika: Tika detects the type from the bytes and extracts the text
 * with the parser for that type (PDFBox, POI, Tika's RTF, ODF and text parsers); {@link FieldExtractor}
 * then reads the fields. Each parse runs on a worker thread of a small pool and is abandoned after
 * the time limit. Tika's services (detectors, encoding detectors) are loaded with this bundle's class
 * loader, which also is the workers' context class loader (XMLBeans and POI look there).
 */
@Component(service = ResumeParser.class)
public class TikaResumeParser implements ResumeParser, AutoCloseable {

    static final MediaType DOCX = MediaType.application("vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final MediaType DOCM = MediaType.application("vnd.ms-word.document.macroenabled.12");
    static final MediaType ODT = MediaType.application("vnd.oasis.opendocument.text");
    static final MediaType DOC = MediaType.application("msword");
    static final MediaType RTF = MediaType.application("rtf");

    /** Default time limit for one document. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ClassLoader BUNDLE_LOADER = TikaResumeParser.class.getClassLoader();

    private final Duration timeout;
    private final Detector detector;
    private final Map<MediaType, Parser> parsers;
    private final ThreadPoolExecutor workers;

    /** As the OSGi service: a 10 s limit per document. */
    public TikaResumeParser() {
        this(DEFAULT_TIMEOUT);
    }

    public TikaResumeParser(Duration timeout) {
        this.timeout = timeout;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(BUNDLE_LOADER);
        try {
            ServiceLoader services = new ServiceLoader(BUNDLE_LOADER, LoadErrorHandler.IGNORE, false);
            MimeTypes types = MimeTypes.getDefaultMimeTypes(BUNDLE_LOADER);
            this.detector = new DefaultDetector(types, services);
            Parser office = new OfficeParser();
            Parser ooxml = new OOXMLParser();
            this.parsers = Map.of(
                    MediaType.application("pdf"), new PDFParser(),
                    DOCX, ooxml,
                    DOCM, ooxml,
                    DOC, office,
                    RTF, new RTFParser(),
                    ODT, new OpenDocumentParser(),
                    MediaType.TEXT_PLAIN, new TXTParser(new DefaultEncodingDetector(services)));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(64), r -> {
            Thread t = new Thread(r, "hiremarket-resume-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(BUNDLE_LOADER);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
    }

    @Deactivate
    @Override
    public void close() {
        workers.shutdownNow();
    }

    @Override
    public ParsedResume parse(byte[] document, String fileName) {
        if (document == null || document.length == 0) {
            throw new Unreadable(Reason.EMPTY, null, "The file is empty.");
        }
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new Unreadable(Reason.TOO_LARGE, null, "The file has " + document.length
                    + " bytes; a resume may have at most " + MAX_DOCUMENT_BYTES + " bytes (5 MiB).");
        }
        Future<ParsedResume> job;
        try {
            job = workers.submit(() -> parseNow(document, fileName));
        } catch (RejectedExecutionException busy) {
            throw new Unreadable(Reason.TIMEOUT, null,
                    "Too many resumes are being read at the moment, or the parser is stopping; try again shortly.");
        }
        try {
            return job.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            job.cancel(true);
            throw new Unreadable(Reason.TIMEOUT, null,
                    "The document could not be read within " + timeout.toSeconds() + " s.");
        } catch (InterruptedException interrupted) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unreadable(Reason.TIMEOUT, null, "Reading the document was interrupted.");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Unreadable u) {
                throw u;
            }
            if (cause instanceof LinkageError missing) {
                // a class of a library left out of this bundle: our packaging, not the uploader's document
                throw new IllegalStateException("The resume parser lacks a class it needs: " + missing.getMessage(), missing);
            }
            if (cause instanceof Error e && !(cause instanceof OutOfMemoryError)) {
                throw e;
            }
            // anything else a damaged document made a parser throw (runtime exceptions, OOM on a hostile size field)
            throw new Unreadable(Reason.CORRUPT, null, "The document is damaged and could not be read ("
                    + cause.getClass().getSimpleName() + ").", cause);
        }
    }

    /** Detects, extracts and reads the fields on the calling (worker) thread. */
    ParsedResume parseNow(byte[] document, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        MediaType type;
        try (TikaInputStream in = TikaInputStream.get(document)) {
            type = detector.detect(in, metadata).getBaseType();
        }
        Parser parser = parsers.get(type);
        if (parser == null) {
            if (type.getSubtype().contains("ooxml-protected") || type.getSubtype().equals("x-tika-msoffice-encrypted")) {
                throw new Unreadable(Reason.ENCRYPTED, type.toString(),
                        "The document is password-protected; upload it without a password.");
            }
            throw new Unreadable(Reason.UNSUPPORTED_TYPE, type.toString(), "A resume must be a PDF, DOCX, DOC, RTF, ODT"
                    + " or plain-text file; this one is " + describe(type) + ".");
        }
        List<String> warnings = new ArrayList<>();
        BodyContentHandler handler = new BodyContentHandler(MAX_TEXT_CHARS);
        metadata.set(Metadata.CONTENT_TYPE, type.toString());
        try (InputStream in = TikaInputStream.get(document)) {
            parser.parse(in, handler, metadata, context());
        } catch (EncryptedDocumentException e) {
            throw new Unreadable(Reason.ENCRYPTED, type.toString(),
                    "The document is encrypted or password-protected; upload it without a password.", e);
        } catch (SAXException | TikaException | IOException | RuntimeException e) {
            if (WriteLimitReachedException.isWriteLimitReached(e)) {
                warnings.add("text cut at " + MAX_TEXT_CHARS + " characters");
            } else if (hasCause(e, EncryptedDocumentException.class)
                    || hasCause(e, org.apache.poi.EncryptedDocumentException.class)) {
                throw new Unreadable(Reason.ENCRYPTED, type.toString(),
                        "The document is encrypted or password-protected; upload it without a password.", e);
            } else {
                throw new Unreadable(Reason.CORRUPT, type.toString(), "The file looks like " + describe(type)
                        + " but is damaged and could not be read: " + reason(e), e);
            }
        }
        String text = handler.toString();
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS);
        }
        if (text.isBlank()) {
            warnings.add("no text found (a scanned resume? images are not read)");
        }
        return FieldExtractor.extract(text, type.toString(), warnings);
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setExtractActions(false);
        pdf.setExtractBookmarksText(false);
        context.set(PDFParserConfig.class, pdf);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setExtractMacros(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        // stream document.xml with SAX: faster, and it does not need XMLBeans classes for every element
        office.setUseSAXDocxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        // embedded files (attachments, OLE objects, images) are not read
        context.set(EmbeddedDocumentExtractor.class, new EmbeddedDocumentExtractor() {
            @Override
            public boolean shouldParseEmbedded(Metadata metadata) {
                return false;
            }

            @Override
            public void parseEmbedded(InputStream stream, org.xml.sax.ContentHandler handler, Metadata metadata,
                    boolean outputHtml) {
                // never called: shouldParseEmbedded is false
            }
        });
        return context;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    static String describe(MediaType type) {
        String t = type.toString();
        if (t.equals("application/pdf")) {
            return "a PDF";
        }
        if (t.equals(DOCX.toString()) || t.equals(DOCM.toString())) {
            return "a Word document (DOCX)";
        }
        if (t.equals(DOC.toString())) {
            return "a Word 97-2003 document (DOC)";
        }
        if (t.equals(RTF.toString())) {
            return "an RTF document";
        }
        if (t.equals(ODT.toString())) {
            return "an OpenDocument text (ODT)";
        }
        if (type.getType().equals("image")) {
            return "an image (" + t + ")";
        }
        if (t.equals("application/zip") || t.equals("application/x-tika-ooxml")) {
            return "a ZIP archive that is not a Word document (" + t + ")";
        }
        if (t.equals("application/octet-stream")) {
            return "of an unknown binary type";
        }
        return "of type " + t.toLowerCase(Locale.ROOT);
    }
}
