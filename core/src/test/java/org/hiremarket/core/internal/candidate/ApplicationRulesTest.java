package org.hiremarket.core.internal.candidate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.junit.Test;

public class ApplicationRulesTest {

    @Test
    public void activeApplicationsMoveForwardAndMayBeRejectedOrWithdrawn() {
        assertEquals(EnumSet.of(ApplicationStatus.IN_REVIEW, ApplicationStatus.INTERVIEW, ApplicationStatus.OFFERED,
                ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN), ApplicationStatus.NEW.next());
        assertTrue(ApplicationStatus.OFFERED.canMoveTo(ApplicationStatus.HIRED));
        assertFalse("hiring needs an offer", ApplicationStatus.INTERVIEW.canMoveTo(ApplicationStatus.HIRED));
        assertFalse(ApplicationStatus.INTERVIEW.canMoveTo(ApplicationStatus.IN_REVIEW));
    }

    @Test
    public void hiredIsFinalAndRejectedCanBeReconsidered() {
        assertTrue(ApplicationStatus.HIRED.next().isEmpty());
        assertEquals(EnumSet.of(ApplicationStatus.IN_REVIEW), ApplicationStatus.REJECTED.next());
        assertEquals(EnumSet.of(ApplicationStatus.IN_REVIEW), ApplicationStatus.WITHDRAWN.next());
    }

    @Test
    public void labelsAreNormalizedAndTheEmployeeLabelIsReserved() {
        List<FieldError> errors = new ArrayList<>();
        Set<String> labels = ApplicationService.labels(errors, List.of("senior", " java ", "senior"));
        assertEquals(Set.of("SENIOR", "JAVA"), labels);
        assertTrue(errors.isEmpty());
        ApplicationService.labels(errors, List.of("EMPLOYEE", "has space", ""));
        assertEquals(3, errors.size());
        assertEquals("labels[0]", errors.get(0).field());
        errors.clear();
        ApplicationService.labels(errors, Collections.nCopies(21, "X"));
        assertEquals("labels", errors.get(0).field());
    }

    @Test
    public void candidateDataIsValidatedFieldByField() {
        try {
            CandidateService.check(new CandidateIn("", "Hopper", "not-an-email", "call me", new LocationIn("ZZ", "x"),
                    List.of(new Experience("", null, "2020-13", "2019-01", null, null)),
                    List.of(new Education("Yale", null, null, "1934-06", "1930-09"))), "candidate.");
        } catch (ApiException e) {
            List<String> fields = e.errors().stream().map(FieldError::field).toList();
            assertTrue(fields.toString(), fields.containsAll(List.of("candidate.firstName", "candidate.email",
                    "candidate.phone", "candidate.location.countryCode", "candidate.experience[0].title",
                    "candidate.experience[0].startDate", "candidate.education[0].endDate")));
            return;
        }
        throw new AssertionError("invalid candidate accepted");
    }

    @Test
    public void aValidCandidateKeepsItsExperienceAsJson() {
        CandidateService.Checked c = CandidateService.check(new CandidateIn(" Grace ", "Hopper", "Grace@Example.org",
                "+1 555 0100", null, List.of(new Experience("Admiral", "Navy", "1943-12", null, true, null)), null), "");
        assertEquals("Grace", c.firstName());
        assertTrue(c.experience().contains("\"Admiral\""));
        assertEquals(null, c.education());
        assertEquals("grace@example.org", CandidateEntity.emailKey(c.email()));
    }

    @Test
    public void attachmentsMustBeWhatTheySayTheyAre() {
        assertTrue(FileTypes.looksLike("application/pdf", "%PDF-1.7 ...".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(FileTypes.looksLike("application/pdf", "hello".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(FileTypes.looksLike("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                new byte[] { 'P', 'K', 3, 4, 0 }));
        assertTrue(FileTypes.looksLike("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }));
        assertTrue(FileTypes.looksLike("text/plain", "Résumé".getBytes(StandardCharsets.UTF_8)));
        assertFalse(FileTypes.looksLike("text/plain", new byte[] { (byte) 0xC3, 0x28 }));
        assertFalse(FileTypes.looksLike("text/plain", new byte[] { 'a', 0, 'b' }));
    }
}
