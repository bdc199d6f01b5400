package org.hiremarket.core.internal.agency;

import java.util.List;

import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ResumeParser;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Turns an uploaded resume into a draft of a candidate submission for the recruiter to check: the
 * {@link ResumeParser} service (the {@code hiremarket-resume} bundle) extracts the text and the
 * fields; nothing is stored. Without the parser the answer is 503.
 */
@Component(service = ResumeDrafts.class)
public class ResumeDrafts {

    /**
     * A draft: {@code candidate} as the submission takes it (check it, complete it, then submit),
     * the skills found, and what was not found.
     */
    public record SubmissionDraft(@Schema(required = true) CandidateIn candidate,
            @Schema(required = true) List<String> skills, @Schema(required = true) String mediaType,
            @Schema(required = true) List<String> warnings) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ResumeParser parser;

    public ResumeDrafts() {
    }

    /** For tests and hosts wired by hand. */
    ResumeDrafts(ResumeParser parser) {
        this.parser = parser;
    }

    /** Parses a resume an agency uploads (any agency, signed in or with a token: nothing is stored). */
    public SubmissionDraft draft(PartnerCaller caller, byte[] document, String fileName) {
        ResumeParser p = parser;
        if (p == null) {
            throw new ApiException(503, "resume-parsing-unavailable", "Resume parsing unavailable",
                    "the resume parser is not running on this host (feature hiremarket-resume); enter the candidate by"
                            + " hand", null);
        }
        if (document == null || document.length == 0) {
            throw ApiException.validation("resume", "is required: send the file's bytes as the body");
        }
        ParsedResume r;
        try {
            r = p.parse(document, fileName == null || fileName.isBlank() ? null : fileName.strip());
        } catch (ResumeParser.Unreadable e) {
            throw refused(e);
        }
        CandidateIn candidate = new CandidateIn(r.firstName(), r.lastName(), r.email(), r.phone(),
                r.location() == null ? null : new LocationIn(r.location().countryCode(), r.location().city()),
                r.experience().stream().map(x -> new Experience(x.title(), x.employer(), x.from(), x.to(),
                        x.current() ? Boolean.TRUE : null, null)).toList(),
                r.education().stream().map(x -> new Education(x.school(), x.degree(), null, null,
                        x.year() == null ? null : String.valueOf(x.year()))).toList());
        return new SubmissionDraft(candidate, r.skills(), r.mediaType(), r.warnings());
    }

    /** The parser's refusal as the API answers it. */
    static ApiException refused(ResumeParser.Unreadable e) {
        return switch (e.reason()) {
            case TOO_LARGE -> new ApiException(413, "payload-too-large", "Resume too large", e.getMessage(), null);
            case UNSUPPORTED_TYPE -> new ApiException(415, "unsupported-resume-type", "Unsupported resume type",
                    e.getMessage() + "; send a PDF, DOCX, DOC, RTF, ODT or plain text file", null);
            case TIMEOUT -> new ApiException(503, "resume-parsing-busy", "Resume parsing busy", e.getMessage()
                    + "; try again in a moment", null);
            case EMPTY, ENCRYPTED, CORRUPT -> ApiException.validation("resume", e.getMessage());
        };
    }
}
