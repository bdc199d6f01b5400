package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.agency.ResumeDrafts.SubmissionDraft;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ResumeParser;
import org.junit.Test;

/** A resume becomes a draft of a submission; the parser's refusals become the API's answers. */
public class ResumeDraftsTest {

    private final List<String> names = new ArrayList<>();

    private ResumeParser answering(ParsedResume r) {
        return (document, fileName) -> {
            names.add(fileName);
            return r;
        };
    }

    private static ResumeParser refusing(ResumeParser.Unreadable.Reason reason) {
        return (document, fileName) -> {
            throw new ResumeParser.Unreadable(reason, "application/pdf", "the parser says " + reason);
        };
    }

    @Test
    public void aParsedResumeIsADraftOfTheSubmission() {
        ParsedResume parsed = new ParsedResume("application/pdf", "Ada", "Lovelace", "ada@example.org", "+44 20 7946 0958",
                new ParsedResume.Location("London", "GB"),
                List.of(new ParsedResume.Experience("Analyst", "Babbage Ltd", "1842", null, true),
                        new ParsedResume.Experience("Translator", "Menabrea", "1840", "1842", false)),
                List.of(new ParsedResume.Education("BSc Mathematics", "University of London", 1835),
                        new ParsedResume.Education(null, "Home", null)),
                List.of("Mathematics", "Programming"), "text", List.of("no website found"));
        SubmissionDraft d = new ResumeDrafts(answering(parsed)).draft(TestPartners.withToken("p"), new byte[] { 1 },
                "  cv.pdf ");
        assertEquals(new CandidateIn("Ada", "Lovelace", "ada@example.org", "+44 20 7946 0958",
                new LocationIn("GB", "London"),
                List.of(new Experience("Analyst", "Babbage Ltd", "1842", null, Boolean.TRUE, null),
                        new Experience("Translator", "Menabrea", "1840", "1842", null, null)),
                List.of(new Education("University of London", "BSc Mathematics", null, null, "1835"),
                        new Education("Home", null, null, null, null))), d.candidate());
        assertEquals(List.of("Mathematics", "Programming"), d.skills());
        assertEquals("application/pdf", d.mediaType());
        assertEquals(List.of("no website found"), d.warnings());
        assertEquals("the file name is a hint, trimmed", List.of("cv.pdf"), names);
    }

    @Test
    public void noLocationAndNoFileNameStayEmpty() {
        ParsedResume parsed = new ParsedResume("text/plain", null, null, "x@example.org", null, null, List.of(),
                List.of(), List.of(), "x", List.of());
        SubmissionDraft d = new ResumeDrafts(answering(parsed)).draft(TestPartners.signedIn("p"), new byte[] { 1 }, " ");
        assertNull(d.candidate().location());
        assertEquals(List.of(), d.candidate().experience());
        new ResumeDrafts(answering(parsed)).draft(TestPartners.signedIn("p"), new byte[] { 1 }, null);
        assertEquals(java.util.Arrays.asList(null, null), names);
    }

    @Test
    public void withoutAParserOrADocumentNothingIsParsed() {
        ApiException e = refused(503, "resume-parsing-unavailable",
                () -> new ResumeDrafts().draft(TestPartners.signedIn("p"), new byte[] { 1 }, "cv.pdf"));
        assertEquals("the resume parser is not running on this host (feature hiremarket-resume); enter the candidate by"
                + " hand", e.detail());
        refused(400, "validation-error", () -> new ResumeDrafts(answering(null)).draft(TestPartners.signedIn("p"),
                new byte[0], "cv.pdf"));
        refused(400, "validation-error", () -> new ResumeDrafts(answering(null)).draft(TestPartners.signedIn("p"),
                null, "cv.pdf"));
        assertEquals(List.of(), names);
    }

    @Test
    public void eachRefusalOfTheParserHasItsAnswer() {
        assertEquals("the parser says TOO_LARGE", refused(413, "payload-too-large", () -> draft(
                ResumeParser.Unreadable.Reason.TOO_LARGE)).detail());
        assertEquals("the parser says UNSUPPORTED_TYPE; send a PDF, DOCX, DOC, RTF, ODT or plain text file",
                refused(415, "unsupported-resume-type", () -> draft(ResumeParser.Unreadable.Reason.UNSUPPORTED_TYPE))
                        .detail());
        assertEquals("the parser says TIMEOUT; try again in a moment",
                refused(503, "resume-parsing-busy", () -> draft(ResumeParser.Unreadable.Reason.TIMEOUT)).detail());
        for (ResumeParser.Unreadable.Reason r : List.of(ResumeParser.Unreadable.Reason.EMPTY,
                ResumeParser.Unreadable.Reason.ENCRYPTED, ResumeParser.Unreadable.Reason.CORRUPT)) {
            ApiException e = refused(400, "validation-error", () -> draft(r));
            assertEquals("resume", e.errors().get(0).field());
            assertEquals("the parser says " + r, e.errors().get(0).message());
        }
    }

    private SubmissionDraft draft(ResumeParser.Unreadable.Reason reason) {
        return new ResumeDrafts(refusing(reason)).draft(TestPartners.signedIn("p"), new byte[] { 1 }, "cv.pdf");
    }
}
