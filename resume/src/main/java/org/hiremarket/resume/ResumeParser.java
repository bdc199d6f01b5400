package org.hiremarket.resume;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a resume document and extracts a draft of the candidate's details from it.
 *
 * <p>Supported: PDF, DOCX, DOC, RTF, ODT and plain text, told apart by their content (the file name
 * is only a hint). The work is bounded: documents over {@link #MAX_DOCUMENT_BYTES} are refused, the
 * text kept is at most {@link #MAX_TEXT_CHARS} characters, and a parse that takes longer than the
 * implementation's time limit is abandoned. No OCR, no external process, no network: a scanned
 * resume (images only) yields a draft without text and a warning.
 *
 * <p>Thread-safe; one instance serves concurrent calls.
 */
@ProviderType
public interface ResumeParser {

    /** Largest document accepted, in bytes (5 MiB). */
    int MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

    /** Most characters of extracted text kept in {@link ParsedResume#text()}. */
    int MAX_TEXT_CHARS = 100_000;

    /**
     * Parses one document.
     *
     * @param document the uploaded bytes
     * @param fileName the name it was uploaded under, or {@code null}; a hint for type detection only
     * @return the draft; fields not found are {@code null} or empty and named in
     *         {@link ParsedResume#warnings()}
     * @throws Unreadable when the document is empty, too large, of an unsupported type, corrupt,
     *         encrypted, or could not be read within the time limit
     */
    ParsedResume parse(byte[] document, String fileName);

    /**
     * The document cannot be read. {@link #getMessage()} is a sentence for the uploader;
     * {@link #reason()} is a stable code for programs.
     */
    final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Why a document was refused. */
        public enum Reason {
            /** No bytes at all. */
            EMPTY,
            /** Larger than {@link ResumeParser#MAX_DOCUMENT_BYTES}. */
            TOO_LARGE,
            /** Not a PDF, DOCX, DOC, RTF, ODT or text document. */
            UNSUPPORTED_TYPE,
            /** Password-protected or encrypted. */
            ENCRYPTED,
            /** Claims a supported type but is damaged. */
            CORRUPT,
            /** Not read within the time limit, or the parser is shutting down. */
            TIMEOUT
        }

        private final Reason reason;
        private final String mediaType;

        public Unreadable(Reason reason, String mediaType, String message) {
            this(reason, mediaType, message, null);
        }

        public Unreadable(Reason reason, String mediaType, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
            this.mediaType = mediaType;
        }

        public Reason reason() {
            return reason;
        }

        /** The detected media type, or {@code null} when detection did not run. */
        public String mediaType() {
            return mediaType;
        }
    }
}
