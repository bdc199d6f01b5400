package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.agency.AgencyFixture.percent;
import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.hiremarket.core.internal.agency.AgencyViews.PhotoIn;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.candidate.CandidateService;
import org.hiremarket.core.internal.candidate.StorageConfig;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.junit.Before;
import org.junit.Test;

/** A candidate's photo an agency sends with the submission: decoded, PNG or JPEG, kept as the candidate's attachment. */
public class AgencyPhotoTest {

    private AgencyFixture f;

    @Before
    public void setUp() {
        f = new AgencyFixture(getClass());
        f.agencies.candidates(new CandidateService(f.db, TestConfigs.config(StorageConfig.class,
                java.util.Map.of("attachments_per_candidate", 2, "storage_per_company_mb", 10))));
    }

    private static String image(String format, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB), format, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private String assignment(PartnerCaller agency) {
        Caller company = f.company("Photos");
        f.link(company, agency);
        return f.agencies.assign(company, f.job(company, "Model"), AgencyFixture.assign(agency,
                percent("10", "50000", "EUR"))).id();
    }

    @Test
    public void aPhotoIsKeptWithTheNewCandidateOnly() throws IOException {
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Photo agency"));
        String assignment = assignment(agency);
        String email = AgencyFixture.email("ada");
        var result = f.agencies.submit(agency, assignment, new SubmissionIn(AgencyFixture.person("Ada", "L", email),
                null, null, new PhotoIn(image("png", 64))));
        String candidate = f.rows("SELECT CANDIDATEID FROM HM_APPLICATION WHERE ID = (SELECT APPLICATIONID FROM"
                + " HM_AGENCY_SUBMISSION WHERE ID = ?)", result.person().submissionId()).get(0);
        assertEquals(java.util.List.of("photo.png|image/png"),
                f.rows("SELECT NAME, CONTENTTYPE FROM HM_ATTACHMENT WHERE CANDIDATEID = ?", candidate));
        // the same person again: nothing more is stored
        f.agencies.submit(agency, assignment, new SubmissionIn(AgencyFixture.person("Ada", "L", email), null, null,
                new PhotoIn(image("jpg", 64))));
        assertEquals(1, f.count("HM_ATTACHMENT", "CANDIDATEID = ?", candidate));
    }

    @Test
    public void aPhotoIsCheckedBeforeAnythingIsWritten() throws IOException {
        PartnerCaller agency = f.recruiter(AgencyFixture.unique("Strict agency"));
        String assignment = assignment(agency);
        String email = AgencyFixture.email("bad");
        assertEquals("photo.content", refused(400, "validation-error", () -> f.agencies.submit(agency, assignment,
                new SubmissionIn(AgencyFixture.person("B", "D", email), null, null, new PhotoIn("not base64!"))))
                .errors().get(0).field());
        refused(415, "unsupported-image-type", () -> f.agencies.submit(agency, assignment,
                new SubmissionIn(AgencyFixture.person("B", "D", email), null, null, new PhotoIn(image("gif", 64)))));
        refused(415, "unsupported-image-type", () -> f.agencies.submit(agency, assignment,
                new SubmissionIn(AgencyFixture.person("B", "D", email), null, null,
                        new PhotoIn(Base64.getEncoder().encodeToString("plain text".getBytes())))));
        refused(400, "validation-error", () -> f.agencies.submit(agency, assignment,
                new SubmissionIn(AgencyFixture.person("B", "D", email), null, null, new PhotoIn(image("png", 8)))));
        refused(400, "validation-error", () -> f.agencies.submit(agency, assignment,
                new SubmissionIn(AgencyFixture.person("B", "D", email), null, null, new PhotoIn(null))));
        assertEquals(0, f.count("HM_AGENCY_SUBMISSION", "ASSIGNMENTID = ?", assignment));
        assertEquals(0, f.count("HM_CANDIDATE", "EMAIL = ?", email));
    }
}
