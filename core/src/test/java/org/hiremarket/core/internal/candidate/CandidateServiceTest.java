package org.hiremarket.core.internal.candidate;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentIn;
import org.hiremarket.core.internal.candidate.CandidateViews.AttachmentView;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateUpdate;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateView;
import org.hiremarket.core.internal.candidate.CandidateViews.Education;
import org.hiremarket.core.internal.candidate.CandidateViews.Experience;
import org.hiremarket.core.internal.candidate.CandidateViews.LocationIn;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * The candidate service on the real persistence unit: one candidate per email and company, what is
 * stored and shown back, partial updates, the list's filters, attachments (validation, file types,
 * reading them back) and the quotas as the component's configuration sets them.
 */
public class CandidateServiceTest {

    private InMemoryUnit unit;
    private Database db;
    private CandidateService service;
    private Caller acme;
    private Caller globex;

    @Before
    public void setUp() throws SQLException {
        unit = InMemoryUnit.shared(getClass());
        db = unit.database();
        db.tx(em -> null);
        for (String table : List.of("HM_ATTACHMENT", "HM_APPLICATION_EVENT", "HM_APPLICATION", "HM_CANDIDATE",
                "HM_COMPANY")) {
            unit.sql("DELETE FROM " + table);
        }
        unit.factory().getCache().evictAll();
        service = new CandidateService(db, 0, 0);
        acme = TestCompanies.create(db, "acme-" + UUID.randomUUID());
        globex = TestCompanies.create(db, "globex-" + UUID.randomUUID());
    }

    private static CandidateIn person(String first, String email) {
        return new CandidateIn(first, "Lovelace", email, null, null, null, null);
    }

    private static CandidateUpdate patch() {
        return new CandidateUpdate(null, null, null, null, null, null, null);
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static List<String> messages(ApiException e) {
        return e.errors().stream().map(f -> f.field() + " " + f.message()).toList();
    }

    private static ApiException invalid(Runnable call) {
        return refused(400, "validation-error", call);
    }

    private static AttachmentIn file(String name, String type, byte[] bytes) {
        return new AttachmentIn(name, type, Base64.getEncoder().encodeToString(bytes));
    }

    private static AttachmentIn text(String name, int bytes) {
        return file(name, "text/plain", "x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
    }

    private void oldUpdatedAt(String candidateId) throws SQLException {
        unit.sql("UPDATE HM_CANDIDATE SET UPDATEDAT = 1000 WHERE ID = '" + candidateId + "'");
        unit.factory().getCache().evictAll();
    }

    // ------------------------------------------------------------------------------ create and get

    @Test
    public void aCandidateIsStoredWithEverythingItWasGiven() {
        long before = System.currentTimeMillis();
        CandidateView created = service.create(acme, new CandidateIn(" Grace ", "Hopper", "Grace@Example.org",
                "+1 555 0100", new LocationIn("de", " Berlin "),
                List.of(new Experience("Admiral", "Navy", "1943-12", "1986-08", false, " led "),
                        new Experience("Programmer", null, " ", null, true, null)),
                List.of(new Education("Yale", "PhD", "Mathematics", "1930-09", "1934-06"))));
        CandidateView c = service.get(acme, created.id());
        assertEquals(created, c);
        assertEquals("Grace", c.firstName());
        assertEquals("Hopper", c.lastName());
        assertEquals("Grace@Example.org", c.email());
        assertEquals("+1 555 0100", c.phone());
        assertEquals("DE", c.location().countryCode());
        assertEquals("Germany", c.location().country());
        assertEquals("Berlin", c.location().city());
        assertEquals(new Experience("Admiral", "Navy", "1943-12", "1986-08", null, "led"), c.experience().get(0));
        assertEquals("a blank month is no month, and current is kept when true",
                new Experience("Programmer", null, null, null, true, null), c.experience().get(1));
        assertEquals(List.of(new Education("Yale", "PhD", "Mathematics", "1930-09", "1934-06")), c.education());
        assertFalse(c.createdOn().isBefore(Instant.ofEpochMilli(before)));
        assertEquals(c.createdOn(), c.updatedOn());
        // another company does not see it
        refused(404, "not-found", () -> service.get(globex, created.id()));
        refused(404, "not-found", () -> service.get(acme, null));
    }

    @Test
    public void aLocationMayHaveACityAloneOrNothing() {
        CandidateView city = service.create(acme, new CandidateIn("A", "B", "city@example.com", null,
                new LocationIn(null, "Paris"), null, null));
        assertNull(city.location().countryCode());
        assertNull(city.location().country());
        assertEquals("Paris", service.get(acme, city.id()).location().city());
        CandidateView country = service.create(acme, new CandidateIn("A", "B", "country@example.com", null,
                new LocationIn("FR", null), null, null));
        assertEquals("France", service.get(acme, country.id()).location().country());
        assertNull(service.get(acme, country.id()).location().city());
        CandidateView none = service.create(acme, new CandidateIn("A", "B", "none@example.com", null,
                new LocationIn(" ", ""), List.of(), List.of()));
        assertNull(service.get(acme, none.id()).location());
        assertEquals(List.of(), service.get(acme, none.id()).experience());
        assertEquals(List.of(), service.get(acme, none.id()).education());
    }

    @Test
    public void oneCandidatePerEmailAndCompany() {
        CandidateView ada = service.create(acme, person("Ada", "ada@example.com"));
        ApiException dup = refused(409, "candidate-exists", () -> service.create(acme, person("Other", " ADA@example.COM ")));
        assertTrue(dup.detail(), dup.detail().contains(ada.id()) && dup.detail().contains("ada@example.com"));
        assertEquals(1, service.list(acme, null, null, new PageRequest(0, 10)).totalFound());
        // another company has its own
        assertFalse(ada.id().equals(service.create(globex, person("Ada", "ada@example.com")).id()));
    }

    // ------------------------------------------------------------------------------ validation

    @Test
    public void nothingIsNotACandidate() {
        assertEquals(List.of("body"), fields(invalid(() -> CandidateService.check(null, ""))));
        assertEquals(List.of("candidate"), fields(invalid(() -> CandidateService.check(null, "candidate."))));
        assertEquals(List.of("profile"), fields(invalid(() -> CandidateService.check(null, "profile."))));
    }

    @Test
    public void anEmailHasAtMost254Characters() {
        String longest = "a".repeat(254 - "@example.com".length()) + "@example.com";
        assertEquals(longest, CandidateService.check(person("A", longest), "").email());
        assertEquals(longest, service.get(acme, service.create(acme, person("A", longest)).id()).email());
        assertEquals(List.of("candidate.email is not an email address"),
                messages(invalid(() -> CandidateService.check(person("A", "a" + longest), "candidate."))));
        assertEquals(List.of("email is required"), messages(invalid(() -> CandidateService.check(person("A", " "), ""))));
    }

    @Test
    public void experienceAndEducationEntriesAreCheckedOneByOne() {
        List<Experience> exp = new ArrayList<>();
        exp.add(null);
        exp.add(new Experience("Dev", null, "2020-05", "2020-04", null, null));
        List<Education> edu = new ArrayList<>();
        edu.add(new Education("MIT", null, null, null, null));
        edu.add(null);
        ApiException e = invalid(() -> service.create(acme, new CandidateIn("A", "B", "a@example.com", null, null, exp,
                edu)));
        assertEquals(List.of("candidate.experience[0] must not be null",
                "candidate.experience[1].endDate must not be before startDate",
                "candidate.education[1] must not be null"),
                messages(invalid(() -> CandidateService.check(new CandidateIn("A", "B", "a@example.com", null, null, exp,
                        edu), "candidate."))));
        assertEquals(List.of("experience[0]", "experience[1].endDate", "education[1]"), fields(e));
        assertEquals(0, service.list(acme, null, null, new PageRequest(0, 10)).totalFound());
        // a position that starts and ends in the same month is fine
        CandidateService.check(new CandidateIn("A", "B", "a@example.com", null, null,
                List.of(new Experience("Intern", null, "2020-05", "2020-05", null, null)),
                List.of(new Education("MIT", null, null, "2019-01", "2019-01"))), "");
        // a month that is no month
        assertEquals(List.of("experience[0].startDate must be a month as YYYY-MM"),
                messages(invalid(() -> CandidateService.check(new CandidateIn("A", "B", "a@example.com", null, null,
                        List.of(new Experience("Dev", null, "May 2020", null, null, null)), null), ""))));
    }

    @Test
    public void thirtyEntriesAreAllowedNotMore() {
        List<Experience> exp = Collections.nCopies(30, new Experience("Dev", null, null, null, null, null));
        List<Education> edu = Collections.nCopies(30, new Education("MIT", null, null, null, null));
        CandidateService.Checked ok = CandidateService.check(new CandidateIn("A", "B", "a@example.com", null, null, exp,
                edu), "");
        assertEquals(30, CandidateService.read(ok.education(), new com.fasterxml.jackson.core.type.TypeReference<
                List<Education>>() { }).size());
        List<Experience> exp31 = Collections.nCopies(31, exp.get(0));
        List<Education> edu31 = Collections.nCopies(31, edu.get(0));
        assertEquals(List.of("experience may have at most 30 entries"), messages(invalid(() -> CandidateService.check(
                new CandidateIn("A", "B", "a@example.com", null, null, exp31, null), ""))));
        assertEquals(List.of("education may have at most 30 entries"), messages(invalid(() -> CandidateService.check(
                new CandidateIn("A", "B", "a@example.com", null, null, null, edu31), ""))));
    }

    // ------------------------------------------------------------------------------ list

    @Test
    public void theListFiltersByEmailAndTextWithinTheCompany() {
        CandidateView ada = service.create(acme, person("Ada", "ada@example.com"));
        CandidateView bob = service.create(acme, new CandidateIn("Bob", "Babbage", "bob@example.com", null, null, null,
                null));
        service.create(globex, person("Ada", "ada@example.com"));
        PageRequest all = new PageRequest(0, 10);

        Page<CandidateView> everyone = service.list(acme, null, null, all);
        assertEquals(2, everyone.totalFound());
        assertEquals(java.util.Set.of(ada.id(), bob.id()),
                java.util.Set.copyOf(everyone.content().stream().map(CandidateView::id).toList()));
        assertEquals(2, service.list(acme, " ", " ", all).totalFound());
        assertEquals(List.of(ada.id()), ids(service.list(acme, null, " ADA@example.com", all)));
        assertEquals(List.of(), ids(service.list(acme, null, "nobody@example.com", all)));
        assertEquals(List.of(bob.id()), ids(service.list(acme, "babb", null, all)));
        assertEquals(List.of(bob.id()), ids(service.list(acme, " BOB ", null, all)));
        assertEquals("the email matches too", List.of(ada.id()), ids(service.list(acme, "ada@", null, all)));
        assertEquals(List.of(), ids(service.list(acme, "ada", "bob@example.com", all)));
        assertEquals("wildcards are taken as nothing", 2, service.list(acme, "%", null, all).totalFound());
        // paging: the total is all, the content one page
        Page<CandidateView> first = service.list(acme, null, null, new PageRequest(0, 1));
        assertEquals(2, first.totalFound());
        assertEquals(1, first.content().size());
        assertEquals(1, service.list(acme, null, null, new PageRequest(1, 1)).content().size());
        assertEquals(ada, service.list(acme, null, "ada@example.com", all).content().get(0));
    }

    private static List<String> ids(Page<CandidateView> page) {
        return page.content().stream().map(CandidateView::id).toList();
    }

    // ------------------------------------------------------------------------------ update

    @Test
    public void anUpdateChangesWhatIsGivenAndKeepsTheRest() throws SQLException {
        CandidateView c = service.create(acme, new CandidateIn("Grace", "Hopper", "grace@example.org", "+1 555 0100",
                new LocationIn("US", "Arlington"), List.of(new Experience("Admiral", null, null, null, null, null)),
                List.of(new Education("Yale", null, null, null, null))));
        oldUpdatedAt(c.id());
        CandidateView same = service.update(acme, c.id(), patch());
        assertEquals(c.firstName(), same.firstName());
        assertEquals(c.lastName(), same.lastName());
        assertEquals(c.email(), same.email());
        assertEquals(c.phone(), same.phone());
        assertEquals(c.location(), same.location());
        assertEquals(c.experience(), same.experience());
        assertEquals(c.education(), same.education());
        assertEquals(c.createdOn(), same.createdOn());
        assertTrue("an update is a change", same.updatedOn().isAfter(Instant.ofEpochMilli(1000)));

        CandidateView changed = service.update(acme, c.id(), new CandidateUpdate("Amazing", "Grace", "amazing@example.org",
                "+1 555 0199", new LocationIn("gb", "London"), List.of(), List.of(new Education("Vassar", null, null,
                        null, null))));
        assertEquals(changed, service.get(acme, c.id()));
        assertEquals("Amazing", changed.firstName());
        assertEquals("Grace", changed.lastName());
        assertEquals("amazing@example.org", changed.email());
        assertEquals("+1 555 0199", changed.phone());
        assertEquals("GB", changed.location().countryCode());
        assertEquals("London", changed.location().city());
        assertEquals("an empty list replaces the old one", List.of(), changed.experience());
        assertEquals("Vassar", changed.education().get(0).institution());
        // the old email is free again, the new one taken
        service.create(acme, person("Ada", "grace@example.org"));
        refused(409, "candidate-exists", () -> service.create(acme, person("Ada", "AMAZING@example.org")));
        // what is merged is validated
        ApiException e = invalid(() -> service.update(acme, c.id(), new CandidateUpdate(null, " ", "nope", null, null,
                null, null)));
        assertEquals(List.of("lastName", "email"), fields(e));
        assertEquals("Grace", service.get(acme, c.id()).lastName());
    }

    @Test
    public void anUpdateKeepsNoLocationWhenThereWasNone() {
        CandidateView c = service.create(acme, person("Ada", "ada@example.com"));
        assertNull(service.update(acme, c.id(), new CandidateUpdate("Augusta", null, null, null, null, null, null))
                .location());
        CandidateView located = service.update(acme, c.id(), new CandidateUpdate(null, null, null, null,
                new LocationIn(null, "London"), null, null));
        assertEquals("London", located.location().city());
        assertEquals("London", service.update(acme, c.id(), patch()).location().city());
        assertEquals("Augusta", service.get(acme, c.id()).firstName());
    }

    @Test
    public void anUpdateMayNotTakeAnotherCandidatesEmailButMayChangeItsCase() {
        CandidateView ada = service.create(acme, person("Ada", "ada@example.com"));
        CandidateView bob = service.create(acme, person("Bob", "bob@example.com"));
        ApiException e = refused(409, "candidate-exists", () -> service.update(acme, bob.id(), new CandidateUpdate(null,
                null, "Ada@Example.com", null, null, null, null)));
        assertTrue(e.detail(), e.detail().contains(ada.id()));
        assertEquals("bob@example.com", service.get(acme, bob.id()).email());
        assertEquals("Ada@Example.com", service.update(acme, ada.id(), new CandidateUpdate(null, null, "Ada@Example.com",
                null, null, null, null)).email());
        // another company's candidate is not found and not changed
        refused(404, "not-found", () -> service.update(globex, ada.id(), new CandidateUpdate("Eve", null, null, null,
                null, null, null)));
        assertEquals("Ada", service.get(acme, ada.id()).firstName());
    }

    // ------------------------------------------------------------------------------ attachments

    @Test
    public void anAttachmentIsStoredAndReadBack() {
        String id = service.create(acme, person("Ada", "ada@example.com")).id();
        byte[] pdf = "%PDF-1.7 resume".getBytes(StandardCharsets.US_ASCII);
        long before = System.currentTimeMillis();
        AttachmentView a = service.addAttachment(acme, id, file("cv.pdf", " Application/PDF ", pdf));
        assertEquals("cv.pdf", a.name());
        assertEquals("application/pdf", a.contentType());
        assertEquals(pdf.length, a.size());
        assertFalse(a.createdOn().isBefore(Instant.ofEpochMilli(before)));
        assertEquals(36, a.id().length());
        assertEquals(List.of(a), service.attachments(acme, id));

        CandidateService.File f = service.attachment(acme, id, a.id());
        assertEquals(a, f.meta());
        assertArrayEquals(pdf, f.content());

        // not found: no id, an unknown one, another candidate's, another company's
        String other = service.create(acme, person("Bob", "bob@example.com")).id();
        refused(404, "not-found", () -> service.attachment(acme, id, null));
        refused(404, "not-found", () -> service.attachment(acme, id, "nope"));
        refused(404, "not-found", () -> service.attachment(acme, other, a.id()));
        refused(404, "not-found", () -> service.attachment(globex, id, a.id()));
        refused(404, "not-found", () -> service.attachments(globex, id));
        refused(404, "not-found", () -> service.addAttachment(globex, id, text("x.txt", 3)));
        assertEquals(List.of(), service.attachments(acme, other));
    }

    @Test
    public void anAttachmentIsValidated() {
        String id = service.create(acme, person("Ada", "ada@example.com")).id();
        assertEquals(List.of("name is required", "contentType must be one of application/msword, application/pdf,"
                + " application/vnd.openxmlformats-officedocument.wordprocessingml.document, image/jpeg, image/png,"
                + " text/plain", "content is required (the file's bytes in base64)"),
                messages(invalid(() -> service.addAttachment(acme, id, new AttachmentIn(null, null, null)))));
        assertEquals(List.of("name must be a file name, not a path", "content is not valid base64"),
                messages(invalid(() -> service.addAttachment(acme, id, new AttachmentIn("a/b.txt", "text/plain",
                        "A")))));
        assertEquals(List.of("name must be a file name, not a path", "content is required (the file's bytes in base64)"),
                messages(invalid(() -> service.addAttachment(acme, id, new AttachmentIn("a\\b.txt", "text/plain", " ")))));
        // the MIME decoder skips what is not base64: nothing left is an empty file
        assertEquals(List.of("content is an empty file"),
                messages(invalid(() -> service.addAttachment(acme, id, new AttachmentIn("a.txt", "text/plain", "--")))));
        assertEquals(List.of("content is not a PDF file"), messages(invalid(() -> service.addAttachment(acme, id,
                file("a.pdf", "application/pdf", "hello".getBytes(StandardCharsets.US_ASCII))))));
        assertEquals(List.of("content is not a JPEG file"), messages(invalid(() -> service.addAttachment(acme, id,
                file("a.jpg", "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8 })))));
        int max = CandidateService.MAX_ATTACHMENT_BYTES;
        assertEquals(List.of("content is larger than 700 KiB"),
                messages(invalid(() -> service.addAttachment(acme, id, text("big.txt", max + 1)))));
        assertEquals(List.of(), service.attachments(acme, id));
        // exactly the largest size is taken
        assertEquals(max, service.addAttachment(acme, id, text("max.txt", max)).size());
    }

    @Test
    public void fileTypesAreToldByTheirFirstBytes() {
        byte[] doc = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0 };
        assertTrue(FileTypes.looksLike("application/msword", doc));
        assertFalse("too short", FileTypes.looksLike("application/msword", new byte[] { (byte) 0xD0, (byte) 0xCF }));
        assertFalse(FileTypes.looksLike("application/msword", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(FileTypes.looksLike("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0 }));
        assertFalse("too short", FileTypes.looksLike("image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8 }));
        assertFalse("too short", FileTypes.looksLike("application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(FileTypes.looksLike("image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0 }));
        assertFalse(FileTypes.looksLike("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                new byte[] { 'P', 'K', 5, 6 }));
        assertFalse("no other type", FileTypes.looksLike("image/gif", "GIF89a".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    public void theConfiguredStorageIsInMebibytes() {
        CandidateService limited = new CandidateService(db, TestConfigs.config(StorageConfig.class,
                Map.of("storage_per_company_mb", 1, "attachments_per_candidate", 0)));
        String id = limited.create(acme, person("Ada", "ada@example.com")).id();
        int size = CandidateService.MAX_ATTACHMENT_BYTES; // 700 KiB, about 0.7 MiB
        limited.addAttachment(acme, id, text("a.txt", size));
        ApiException e = refused(409, "quota-exceeded", () -> limited.addAttachment(acme, id, text("b.txt", size)));
        assertEquals("the company may store at most 1 MiB of attachments (setting storage.per.company.mb); 0.7 MiB are"
                + " stored and this file has 0.7 MiB", e.detail());
        assertEquals(1, limited.attachments(acme, id).size());
        // what fits in the rest of the MiB is taken
        limited.addAttachment(acme, id, text("c.txt", 1024 * 1024 - size));
    }

    @Test
    public void theConfiguredAttachmentsPerCandidateAreCounted() {
        CandidateService limited = new CandidateService(db, TestConfigs.config(StorageConfig.class,
                Map.of("attachments_per_candidate", 1)));
        String id = limited.create(acme, person("Ada", "ada@example.com")).id();
        limited.addAttachment(acme, id, text("a.txt", 10));
        ApiException e = refused(409, "quota-exceeded", () -> limited.addAttachment(acme, id, text("b.txt", 10)));
        assertEquals("a candidate may have at most 1 attachments (setting attachments.per.candidate) and this one has 1",
                e.detail());
    }
}
