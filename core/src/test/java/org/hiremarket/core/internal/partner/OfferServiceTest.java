package org.hiremarket.core.internal.partner;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.hiremarket.core.internal.partner.PartnerFixture.BASE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Hashes;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.marketplace.Views.Listing;
import org.hiremarket.core.internal.marketplace.Views.OfferSummaryView;
import org.hiremarket.core.internal.marketplace.Views.PriceView;
import org.hiremarket.core.internal.partner.PartnerFixture.Mail;
import org.hiremarket.core.internal.partner.PartnerViews.OfferAdminView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferEventView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferIn;
import org.hiremarket.core.internal.partner.PartnerViews.OfferView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAdminView;
import org.hiremarket.core.internal.partner.PartnerViews.PersonalIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.junit.Before;
import org.junit.Test;

/**
 * Offers through OfferService on the in-memory database: what a partner may create and change, the
 * approval from DRAFT to APPROVED or REJECTED with the approved version kept visible, withdrawal and
 * deletion, one partner per integration, what customers see, the history and the mails.
 */
public class OfferServiceTest {

    private PartnerFixture f;
    private OfferService offers;

    @Before
    public void setUp() {
        f = PartnerFixture.shared(getClass());
        offers = f.offers;
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static OfferIn in(String kind, String name, BigDecimal amount, String currency, List<String> countries,
            String integrationId) {
        return new OfferIn(kind, name, "What it does", null, amount, currency, countries, integrationId);
    }

    private static OfferIn rename(String name) {
        return new OfferIn(null, name, null, null, null, null, null, null);
    }

    private OfferView create(PartnerCaller p, String integrationId) {
        return offers.create(p, PartnerFixture.offer("Ads", integrationId));
    }

    private Optional<Listing> listing(String integrationId) {
        return offers.listing(integrationId, BASE);
    }

    private long events(String offerId) {
        return Long.parseLong(f.rows("SELECT COUNT(*) FROM HM_OFFER_EVENT WHERE OFFERID = ?", offerId).get(0));
    }

    private static List<OfferStatus> steps(OfferView v) {
        return v.history().stream().map(OfferEventView::to).toList();
    }

    // ------------------------------------------------------------------------------ creating

    @Test
    public void anOfferNeedsAVendorTypeAndASession() {
        PartnerCaller p = f.account();
        ApiException e = refused(409, "vendor-type-required", () -> create(p, PartnerFixture.integration()));
        assertEquals("Choose a vendor type first", e.title());
        refused(400, "bad-request", () -> offers.create(p, null));
        refused(403, "session-required", () -> create(TestPartners.withToken(p.partnerId()), "x1"));
        assertEquals(0, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", p.partnerId()).size());
    }

    @Test
    public void theKindDefaultsToTheOnlyOneTheTypeAllowsAndNoOther() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        long before = System.currentTimeMillis();
        OfferView v = create(p, " " + PartnerFixture.BOARD + " ");
        assertEquals(OfferKind.JOB_POSTING, v.kind());
        assertEquals(OfferStatus.DRAFT, v.status());
        assertEquals(PartnerFixture.BOARD, v.integrationId());
        assertEquals(List.of("AT", "DE"), v.countries());
        assertEquals("10 EUR a month", v.terms());
        assertNull(v.price());
        assertNull(v.assessmentCategory());
        assertFalse(v.visible());
        assertNull(v.live());
        assertNull(v.submittedAt());
        assertNull(v.rejectionReason());
        assertTrue(v.createdAt().toEpochMilli() >= before);
        assertEquals(v.createdAt(), v.updatedAt());
        assertEquals(List.of(new OfferEventView(v.createdAt(), null, OfferStatus.DRAFT, "partner", "Created")),
                v.history());
        assertEquals(v, offers.get(p, v.id()));
        assertEquals(v, offers.get(TestPartners.withToken(p.partnerId()), v.id()));

        assertEquals(OfferKind.JOB_POSTING, offers.create(p, in("job_posting", "Ads", null, null, List.of("DE"),
                PartnerFixture.integration())).kind());
        ApiException e = refused(400, "validation-error", () -> offers.create(p, in("ASSESSMENT", "Tests", null, null,
                List.of("DE"), PartnerFixture.integration())));
        assertEquals(List.of("kind"), fields(e));
        assertEquals("a JOB_BOARD can offer [JOB_POSTING] only", e.errors().get(0).message());
        e = refused(400, "validation-error", () -> offers.create(p, in("massage", "Tests", null, null, List.of("DE"),
                PartnerFixture.integration())));
        assertEquals("must be one of JOB_POSTING, MULTIPOSTING, SOURCING, ASSESSMENT, RECRUITING",
                e.errors().get(0).message());
        assertEquals(2, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", p.partnerId()).size());
    }

    @Test
    public void everyInvalidFieldIsNamedAtOnceAndNothingIsWritten() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        ApiException e = refused(400, "validation-error", () -> offers.create(p, new OfferIn("RECRUITING", " ", " ",
                "t".repeat(1001), new BigDecimal("-1"), "XYZ", List.of("de", "zz"), "Bad Id")));
        assertEquals(List.of("kind", "name", "description", "terms", "amount", "currency", "countries[1]",
                "integrationId"), fields(e));
        assertEquals("is not an ISO 3166 alpha-2 country code: zz", e.errors().get(6).message());
        assertEquals("is not an ISO 4217 currency code: XYZ", e.errors().get(5).message());
        assertEquals(0, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", p.partnerId()).size());

        e = refused(400, "validation-error", () -> offers.create(p, new OfferIn(null, null, null, null, null, null,
                null, null)));
        assertEquals(List.of("name", "description", "countries", "integrationId"), fields(e));
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "n".repeat(101), null, null, List.of(),
                "a")));
        assertEquals(List.of("name", "countries", "integrationId"), fields(e));
        assertEquals(List.of("DE"), offers.create(p, in(null, "Ads", null, null, Collections.nCopies(250, "DE"), "ab"))
                .countries());
        List<String> many = Collections.nCopies(251, "DE");
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", null, null, many, "ab")));
        assertEquals("has more than 250 entries", e.errors().get(0).message());
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", null, null, List.of("DE"),
                "a".repeat(101))));
        assertEquals(List.of("integrationId"), fields(e));
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", null, null, List.of("DE"),
                "-ab")));
        assertEquals(List.of("integrationId"), fields(e));
        e = refused(400, "validation-error", () -> offers.create(p, new OfferIn(null, "Ads", "d".repeat(2001), null,
                null, null, List.of("DE"), "ab")));
        assertEquals(List.of("description"), fields(e));
        assertEquals(1, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", p.partnerId()).size());

        assertEquals("a".repeat(100), offers.create(p, in(null, "Ads", null, null, List.of("DE"), "a".repeat(100)))
                .integrationId());
        assertEquals("a0._-", offers.create(p, in(null, "Ads", null, null, List.of("DE"), "a0._-")).integrationId());
    }

    @Test
    public void countriesAreIsoCodesDeduplicatedAndSorted() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        OfferView v = offers.create(p, in(null, "Ads", null, null, List.of("fr", " at ", "DE", "Fr", "de"), "ab"));
        assertEquals(List.of("AT", "DE", "FR"), v.countries());
        assertEquals("AT,DE,FR", f.rows("SELECT COUNTRIES FROM HM_OFFER WHERE ID = ?", v.id()).get(0));
    }

    @Test
    public void anAmountNeedsACurrencyAndTheOtherWayRound() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        ApiException e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", BigDecimal.TEN, null,
                List.of("DE"), "ab")));
        assertEquals(List.of("currency"), fields(e));
        assertEquals("is required with an amount (ISO 4217, such as EUR)", e.errors().get(0).message());
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", null, "EUR", List.of("DE"), "ab")));
        assertEquals(List.of("amount"), fields(e));
        assertEquals("is required with a currency", e.errors().get(0).message());
        for (String bad : List.of("1.005", "12345678901", "-0.01")) {
            e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", new BigDecimal(bad), "EUR",
                    List.of("DE"), "ab")));
            assertEquals(bad, List.of("amount"), fields(e));
        }
        e = refused(400, "validation-error", () -> offers.create(p, in(null, "Ads", BigDecimal.ONE, "EURO",
                List.of("DE"), "ab")));
        assertEquals(List.of("currency"), fields(e));

        assertEquals(new PriceView(new BigDecimal("9999999999.99"), "EUR"), offers.create(p, in(null, "Ads",
                new BigDecimal("9999999999.99"), " eur ", List.of("DE"), "ab")).price());
        assertEquals(new PriceView(new BigDecimal("10.50"), "USD"), offers.create(p, in(null, "Ads",
                new BigDecimal("10.50"), "USD", List.of("DE"), "ab")).price());
        assertEquals(new PriceView(BigDecimal.ZERO, "CHF"), offers.create(p, in(null, "Ads", BigDecimal.ZERO, "CHF",
                List.of("DE"), "ab")).price());
        assertEquals(new PriceView(new BigDecimal("100"), "EUR"), offers.create(p, in(null, "Ads",
                new BigDecimal("1E+2"), "EUR", List.of("DE"), "ab")).price());
        assertEquals(null, offers.create(p, in(null, "Ads", null, " ", List.of("DE"), "ab")).price());
    }

    @Test
    public void anInstalledIntegrationOfAnotherKindIsRefused() {
        PartnerCaller assessor = f.partner(VendorType.ASSESSMENT);
        ApiException e = refused(400, "validation-error", () -> create(assessor, PartnerFixture.BOARD));
        assertEquals(List.of("integrationId"), fields(e));
        assertEquals("names a JOB_BOARD integration; an offer of the kind ASSESSMENT needs a ASSESSMENT one",
                e.errors().get(0).message());
        PartnerCaller recruiter = f.partner(VendorType.RECRUITER);
        e = refused(400, "validation-error", () -> create(recruiter, PartnerFixture.BOARD));
        assertTrue(e.errors().get(0).message(), e.errors().get(0).message().endsWith("needs a AGENCY one"));
        assertEquals(0, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", assessor.partnerId()).size());

        // an integration not installed (yet) is taken; so is the right kind
        OfferView v = create(assessor, PartnerFixture.integration());
        assertEquals(AssessmentCategory.SKILLS_TEST, v.assessmentCategory());
        e = refused(400, "validation-error", () -> offers.update(assessor, v.id(), new OfferIn(null, null, null, null,
                null, null, null, PartnerFixture.BOARD)));
        assertEquals(List.of("integrationId"), fields(e));
        assertEquals(OfferKind.MULTIPOSTING, create(f.partner(VendorType.MULTIPOSTING), PartnerFixture.BOARD).kind());
    }

    @Test
    public void aPartnerHoldsAtMostFiftyOffers() {
        PartnerCaller p = f.partner(VendorType.SOURCING);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(offers.create(p, in(null, "Offer " + i, null, null, List.of("DE"), "ab")).id());
        }
        ApiException e = refused(409, "too-many-offers", () -> create(p, "ab"));
        assertEquals("a partner holds at most 50 offers; delete one first", e.detail());
        assertEquals(50, offers.list(p, null, PageRequest.of(0, 100)).content().size());
        // another partner is not limited by them
        create(f.partner(VendorType.SOURCING), "ab");
        offers.delete(p, ids.get(7));
        create(p, "ab");
    }

    // ------------------------------------------------------------------------------ approval

    @Test
    public void submittingNeedsTheCompanyProfile() {
        PartnerCaller p = f.account();
        f.partners.chooseVendorType(p, new VendorTypeIn("JOB_BOARD", null), BASE);
        String id = create(p, PartnerFixture.integration()).id();
        ApiException e = refused(409, "profile-required", () -> offers.submit(p, id));
        assertTrue(e.detail(), e.detail().contains("PUT /partner/profile"));
        assertEquals(OfferStatus.DRAFT, offers.get(p, id).status());
        assertEquals(1, events(id));
        refused(403, "session-required", () -> offers.submit(TestPartners.withToken(p.partnerId()), id));

        f.partners.saveProfile(p, PartnerFixture.profile("Acme"), BASE);
        OfferView v = offers.submit(p, id);
        assertEquals(OfferStatus.PENDING_APPROVAL, v.status());
        assertNotNull(v.submittedAt());
        assertEquals(v, offers.submit(p, id));
        assertEquals("submitting again changes nothing", 2, events(id));
    }

    @Test
    public void anApprovedOfferIsListedWithItsPartnersPublicProfile() {
        PartnerCaller p = f.partner(VendorType.ASSESSMENT);
        byte[] logo = PartnerFixture.logo(Color.CYAN);
        f.partners.uploadLogo(p, logo, BASE);
        String integration = PartnerFixture.integration();
        OfferView created = offers.create(p, new OfferIn(null, "Java test", "Tests Java skills", "per candidate",
                new BigDecimal("25.00"), "EUR", List.of("DE"), integration));
        offers.submit(p, created.id());
        assertEquals(Optional.empty(), listing(integration));
        assertEquals(Set.of(), offers.listedIntegrations(p.partnerId()));

        long beforeApproval = System.currentTimeMillis();
        OfferAdminView approved = offers.approve(created.id());
        assertEquals(OfferStatus.APPROVED, approved.status());
        assertTrue(approved.visible());
        OfferView v = offers.get(p, created.id());
        assertEquals(OfferStatus.APPROVED, v.status());
        assertTrue(v.visible());
        assertEquals("Java test", v.live().name());
        assertEquals(new PriceView(new BigDecimal("25.00"), "EUR"), v.live().price());
        assertEquals(integration, v.live().integrationId());

        Listing l = listing(integration).orElseThrow();
        assertEquals(p.partnerId(), l.partner().id());
        assertEquals("Acme Hiring", l.partner().name());
        assertEquals("https://acme.example", l.partner().website());
        assertEquals("https://host.example/api/v1/public/partners/" + p.partnerId() + "/logo?v="
                + Hashes.sha256Hex(logo).substring(0, 12), l.partner().logoUrl());
        assertEquals(List.of(new OfferSummaryView(created.id(), "ASSESSMENT", "Java test", "Tests Java skills",
                "per candidate", new PriceView(new BigDecimal("25.00"), "EUR"), List.of("DE"), "SKILLS_TEST",
                v.live().approvedAt())), l.offers());
        assertTrue(l.offers().get(0).approvedAt().toEpochMilli() >= beforeApproval);
        assertEquals(Map.of(integration, l), offers.listings(List.of(integration, "nothing-here"), BASE));
        assertEquals(Set.of(integration), offers.listedIntegrations(p.partnerId()));

        refused(409, "invalid-status-change", () -> offers.approve(created.id()));
        refused(409, "invalid-status-change", () -> offers.reject(created.id(), "late"));
        ApiException e = refused(409, "invalid-status-change", () -> offers.submit(p, created.id()));
        assertEquals("offer " + created.id() + " is APPROVED and cannot become PENDING_APPROVAL: it is approved; change"
                + " it to send a new version", e.detail());
        refused(404, "not-found", () -> offers.approve("no-such-offer"));
        refused(404, "not-found", () -> offers.approve(null));
        refused(404, "not-found", () -> offers.reject("no-such-offer", "why"));
    }

    @Test
    public void aRejectionNeedsAReasonWhichThePartnerSeesAndIsMailed() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        f.partners.updatePersonal(p, new PersonalIn(null, "offers@acme.example", null, null, null), BASE);
        String integration = PartnerFixture.integration();
        String id = create(p, integration).id();
        offers.submit(p, id);
        assertEquals(List.of("reason"), fields(refused(400, "validation-error", () -> offers.reject(id, " "))));
        assertEquals(List.of("reason"), fields(refused(400, "validation-error", () -> offers.reject(id, null))));
        assertEquals(List.of("reason"), fields(refused(400, "validation-error", () -> offers.reject(id, "a\nb"))));
        assertEquals(List.of("reason"), fields(refused(400, "validation-error",
                () -> offers.reject(id, "r".repeat(1001)))));
        assertEquals(OfferStatus.PENDING_APPROVAL, offers.get(p, id).status());

        OfferAdminView r = offers.reject(id, " Too vague: say what it costs ");
        assertEquals(OfferStatus.REJECTED, r.status());
        assertEquals("Too vague: say what it costs", r.rejectionReason());
        OfferView v = offers.get(p, id);
        assertEquals(OfferStatus.REJECTED, v.status());
        assertEquals("Too vague: say what it costs", v.rejectionReason());
        assertFalse(v.visible());
        assertEquals(Optional.empty(), listing(integration));

        List<Mail> mails = f.mailer.to("offers@acme.example");
        assertEquals(1, mails.size());
        assertEquals("Your offer \"Ads\" was not approved", mails.get(0).subject());
        assertTrue(mails.get(0).text(), mails.get(0).text().contains("the reason the platform gave:\n\n  Too vague: say what it"
                + " costs\n\nChange the offer and submit it again.\n"));
        assertTrue(mails.get(0).text(), mails.get(0).text().contains("GET https://host.example/api/v1/partner/offers/"
                + id));
        assertFalse(mails.get(0).text().contains("stays visible"));

        // submitted again, the reason is gone
        assertNull(offers.submit(p, id).rejectionReason());
    }

    @Test
    public void theDecisionIsMailedToTheAccountWithoutAContactEmail() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String email = f.rows("SELECT EMAIL FROM HM_PARTNER_ACCOUNT WHERE ID = ?", p.partnerId()).get(0);
        String id = f.approved(p, "Great ads", PartnerFixture.integration());
        List<Mail> mails = f.mailer.to(email);
        assertEquals(1, mails.size());
        assertEquals("Your offer \"Great ads\" was approved", mails.get(0).subject());
        assertTrue(mails.get(0).text(), mails.get(0).text().startsWith("Hello Pat Partner,\n\nyour offer " + id
                + " (JOB_POSTING) it is now shown to customers"));
    }

    @Test
    public void aMailerFailureDoesNotUndoTheDecision() {
        OfferService failing = new OfferService(f.db, f.marketplace, new PartnerFixture.RecordingMailer() {
            @Override
            public void send(String to, String subject, String text) {
                throw new IllegalStateException("the outbox is full");
            }
        });
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String id = create(p, PartnerFixture.integration()).id();
        offers.submit(p, id);
        assertEquals(OfferStatus.APPROVED, failing.approve(id).status());
        assertEquals(OfferStatus.APPROVED, offers.get(p, id).status());
    }

    @Test
    public void anApprovedOfferChangedStaysVisibleAsApprovedUntilTheChangeIsApproved() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String integration = PartnerFixture.integration();
        String id = f.approved(p, "First", integration);
        OfferView changed = offers.update(p, id, rename("Second"));
        assertEquals(OfferStatus.PENDING_APPROVAL, changed.status());
        assertEquals("Second", changed.name());
        assertTrue(changed.visible());
        assertEquals("First", changed.live().name());
        assertEquals("First", listing(integration).orElseThrow().offers().get(0).name());
        // still in use: no delete
        ApiException e = refused(409, "offer-in-use", () -> offers.delete(p, id));
        assertTrue(e.detail(), e.detail().contains("visible to customers"));

        // rejected: the approved version stays
        f.mailer.sent.clear();
        offers.reject(id, "No");
        assertEquals("First", listing(integration).orElseThrow().offers().get(0).name());
        OfferView rejected = offers.get(p, id);
        assertEquals(OfferStatus.REJECTED, rejected.status());
        assertEquals("First", rejected.live().name());
        assertTrue(f.mailer.sent.get(0).text().contains(
                " The version approved before stays visible to customers meanwhile."));

        // changed again: a draft, still showing the approved version
        OfferView draft = offers.update(p, id, rename("Third"));
        assertEquals(OfferStatus.DRAFT, draft.status());
        assertEquals("First", draft.live().name());
        offers.submit(p, id);
        offers.approve(id);
        assertEquals("Third", listing(integration).orElseThrow().offers().get(0).name());
        assertEquals("Third", offers.get(p, id).live().name());
        assertEquals(List.of(OfferStatus.DRAFT, OfferStatus.PENDING_APPROVAL, OfferStatus.APPROVED,
                OfferStatus.PENDING_APPROVAL, OfferStatus.REJECTED, OfferStatus.DRAFT, OfferStatus.PENDING_APPROVAL,
                OfferStatus.APPROVED), steps(offers.get(p, id)));
    }

    @Test
    public void theHistoryNamesEveryStepItsActorAndNote() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String id = create(p, PartnerFixture.integration()).id();
        offers.update(p, id, rename("Renamed"));
        offers.submit(p, id);
        offers.update(p, id, rename("Renamed while waiting"));
        offers.approve(id);
        offers.update(p, id, rename("Renamed once approved"));
        offers.reject(id, "Not this one");
        offers.withdraw(p, id);
        List<OfferEventView> h = offers.get(p, id).history();
        assertEquals(List.of("null>DRAFT partner Created", "DRAFT>DRAFT partner Changed",
                "DRAFT>PENDING_APPROVAL partner Submitted for approval",
                "PENDING_APPROVAL>PENDING_APPROVAL partner Changed while waiting for approval",
                "PENDING_APPROVAL>APPROVED admin Approved",
                "APPROVED>PENDING_APPROVAL partner Changed: sent for approval; the approved version stays visible meanwhile",
                "PENDING_APPROVAL>REJECTED admin Not this one", "REJECTED>WITHDRAWN partner Withdrawn from the marketplace"),
                h.stream().map(e -> e.from() + ">" + e.to() + " " + e.actor() + " " + e.note()).toList());
        for (int i = 1; i < h.size(); i++) {
            assertFalse(h.get(i).at().isBefore(h.get(i - 1).at()));
        }
        assertNull("lists carry no history", offers.list(p, null, PageRequest.of(0, 10)).content().get(0).history());
    }

    @Test
    public void aChangeThatChangesNothingIsNoChange() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String id = f.approved(p, "Same", PartnerFixture.integration());
        OfferView before = offers.get(p, id);
        OfferView same = offers.update(p, id, new OfferIn("job_posting", " Same ", null, null, null, null,
                List.of("at", "DE"), null));
        assertEquals(before, same);
        assertEquals(OfferStatus.APPROVED, offers.get(p, id).status());
        assertEquals(3, events(id));

        refused(400, "bad-request", () -> offers.update(p, id, null));
        ApiException e = refused(400, "validation-error", () -> offers.update(p, id, new OfferIn("RECRUITING", null,
                null, null, null, null, null, null)));
        assertEquals("cannot change; create another offer for another kind", e.errors().get(0).message());
        refused(403, "session-required", () -> offers.update(TestPartners.withToken(p.partnerId()), id, rename("X")));
        assertEquals(before, offers.get(p, id));
    }

    @Test
    public void aChangeSendsOnlyWhatIsSentAndKeepsTheRest() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String id = offers.create(p, new OfferIn(null, "Ads", "Desc", "Terms", BigDecimal.ONE, "EUR", List.of("DE"),
                "ab")).id();
        OfferView v = offers.update(p, id, new OfferIn(null, null, null, null, new BigDecimal("2"), null, null, null));
        assertEquals(new PriceView(new BigDecimal("2"), "EUR"), v.price());
        assertEquals("Desc", v.description());
        assertEquals("Terms", v.terms());
        assertEquals(List.of("DE"), v.countries());
        assertEquals("ab", v.integrationId());
        v = offers.update(p, id, new OfferIn(null, null, "New desc", "", null, null, List.of("FR"), "cd"));
        assertEquals("New desc", v.description());
        assertNull("an empty text removes the terms", v.terms());
        assertEquals(List.of("FR"), v.countries());
        assertEquals("cd", v.integrationId());
        assertEquals(OfferStatus.DRAFT, v.status());
        ApiException e = refused(400, "validation-error", () -> offers.update(p, id, new OfferIn(null, " ", " ", null,
                null, null, List.of(), " ")));
        assertEquals(List.of("name", "description", "countries", "integrationId"), fields(e));
    }

    @Test
    public void withdrawingHidesTheOfferAndOnlyAVisibleOrPendingOneCanBeWithdrawn() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String integration = PartnerFixture.integration();
        String id = f.approved(p, "Ads", integration);
        OfferView w = offers.withdraw(p, id);
        assertEquals(OfferStatus.WITHDRAWN, w.status());
        assertFalse(w.visible());
        assertNull(w.live());
        assertEquals(Optional.empty(), listing(integration));
        assertEquals(Set.of(), offers.listedIntegrations(p.partnerId()));
        assertEquals(w, offers.withdraw(p, id));
        refused(403, "session-required", () -> offers.withdraw(TestPartners.withToken(p.partnerId()), id));

        String draft = create(p, PartnerFixture.integration()).id();
        ApiException e = refused(409, "invalid-status-change", () -> offers.withdraw(p, draft));
        assertEquals("offer " + draft + " is DRAFT and cannot become WITHDRAWN: it is neither approved nor waiting for"
                + " approval; delete it instead", e.detail());
        String pending = create(p, PartnerFixture.integration()).id();
        offers.submit(p, pending);
        OfferView pulled = offers.withdraw(p, pending);
        assertEquals(OfferStatus.WITHDRAWN, pulled.status());
        assertEquals("Withdrawn from approval", pulled.history().get(pulled.history().size() - 1).note());
        refused(409, "invalid-status-change", () -> offers.approve(pending));

        // changed again, a withdrawn offer is a draft to submit
        assertEquals(OfferStatus.DRAFT, offers.update(p, id, rename("Back")).status());
        offers.submit(p, id);
        offers.approve(id);
        assertEquals("Back", listing(integration).orElseThrow().offers().get(0).name());
    }

    @Test
    public void onlyAnOfferNeverSeenAndNotWaitingCanBeDeleted() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String draft = create(p, PartnerFixture.integration()).id();
        offers.update(p, draft, rename("Changed"));
        offers.delete(p, draft);
        refused(404, "not-found", () -> offers.get(p, draft));
        assertEquals(0, events(draft));

        String pending = create(p, PartnerFixture.integration()).id();
        offers.submit(p, pending);
        ApiException e = refused(409, "offer-in-use", () -> offers.delete(p, pending));
        assertEquals("offer " + pending + " is waiting for approval; withdraw it first", e.detail());
        refused(403, "session-required", () -> offers.delete(TestPartners.withToken(p.partnerId()), pending));
        offers.reject(pending, "no");
        offers.delete(p, pending);

        String approved = f.approved(p, "Live", PartnerFixture.integration());
        refused(409, "offer-in-use", () -> offers.delete(p, approved));
        assertEquals(3, events(approved));
        offers.withdraw(p, approved);
        offers.delete(p, approved);
        assertEquals(0, f.rows("SELECT ID FROM HM_OFFER WHERE PARTNERID = ?", p.partnerId()).size());
    }

    @Test
    public void anIntegrationIsTiedToThePartnerOfItsVisibleOffer() {
        PartnerCaller a = f.partner(VendorType.JOB_BOARD);
        PartnerCaller b = f.partner(VendorType.AGGREGATOR);
        String integration = PartnerFixture.integration();
        String first = f.approved(a, "A's ads", integration);
        String theirs = create(b, integration).id();
        offers.submit(b, theirs);
        ApiException e = refused(409, "integration-claimed", () -> offers.approve(theirs));
        assertEquals("integration " + integration + " is tied to partner " + a.partnerId() + " by its approved offer "
                + first + "; reject this offer", e.detail());
        assertEquals(OfferStatus.PENDING_APPROVAL, offers.get(b, theirs).status());
        assertEquals(a.partnerId(), listing(integration).orElseThrow().partner().id());

        // the same partner may show many offers for its integration
        String second = f.approved(a, "More of A's ads", integration);
        assertEquals(List.of(first, second), listing(integration).orElseThrow().offers().stream()
                .map(OfferSummaryView::id).toList());
        assertEquals("APPROVED", offers.integrationPartners().get(integration)[1]);
        assertEquals(f.rows("SELECT COMPANYNAME FROM HM_PARTNER_ACCOUNT WHERE ID = ?", a.partnerId()).get(0),
                offers.integrationPartners().get(integration)[0]);

        offers.withdraw(a, first);
        offers.withdraw(a, second);
        offers.approve(theirs);
        assertEquals(b.partnerId(), listing(integration).orElseThrow().partner().id());
    }

    @Test
    public void anUnverifiedPartnersOffersAreNotListed() {
        PartnerCaller p = TestPartners.signedIn(TestPartners.unverified(f.db, PartnerFixture.email(), "Shady"));
        f.partners.chooseVendorType(p, new VendorTypeIn("JOB_BOARD", null), BASE);
        f.partners.saveProfile(p, PartnerFixture.profile("Shady"), BASE);
        String integration = PartnerFixture.integration();
        f.approved(p, "Ads", integration);
        assertEquals(Optional.empty(), listing(integration));
        assertEquals(Map.of(), offers.listings(List.of(integration), BASE));
    }

    @Test
    public void aListingWithoutASavedProfileShowsTheAccountsCompanyName() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String integration = PartnerFixture.integration();
        f.approved(p, "Ads", integration);
        // the profile row is gone, as for a partner approved before profiles were required
        f.sql("UPDATE HM_PARTNER SET PROFILESAVEDAT = NULL WHERE ID = '" + p.partnerId() + "'");
        Listing l = listing(integration).orElseThrow();
        String company = f.rows("SELECT COMPANYNAME FROM HM_PARTNER_ACCOUNT WHERE ID = ?", p.partnerId()).get(0);
        assertEquals(company, l.partner().name());
        assertNull(l.partner().website());
        assertNull(l.partner().logoUrl());
    }

    @Test
    public void thePartnersListFiltersByStatus() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String draft = create(p, PartnerFixture.integration()).id();
        String pending = create(p, PartnerFixture.integration()).id();
        offers.submit(p, pending);
        assertEquals(List.of(draft), offers.list(p, OfferStatus.DRAFT, PageRequest.of(0, 10)).content().stream()
                .map(OfferView::id).toList());
        assertEquals(List.of(pending), offers.list(p, OfferStatus.PENDING_APPROVAL, PageRequest.of(0, 10)).content()
                .stream().map(OfferView::id).toList());
        assertEquals(List.of(), offers.list(p, OfferStatus.APPROVED, PageRequest.of(0, 10)).content());
        assertEquals(Set.of(draft, pending), Set.copyOf(offers.list(TestPartners.withToken(p.partnerId()), null,
                PageRequest.of(0, 10)).content().stream().map(OfferView::id).toList()));
    }

    @Test
    public void aChangeWhileWaitingIsSubmittedAgain() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        String id = create(p, PartnerFixture.integration()).id();
        offers.submit(p, id);
        f.sql("UPDATE HM_OFFER SET SUBMITTEDAT = 1000 WHERE ID = '" + id + "'");
        assertEquals(1000, offers.get(p, id).submittedAt().toEpochMilli());
        OfferView v = offers.update(p, id, rename("Changed while waiting"));
        assertEquals(OfferStatus.PENDING_APPROVAL, v.status());
        assertTrue("the change is what waits now", v.submittedAt().toEpochMilli() > 1000);
    }

    // ------------------------------------------------------------------------------ the admin's lists

    @Test
    public void theAdminListsOffersByStatusAndPartnersWithTheirCounts() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        f.partners.uploadLogo(p, PartnerFixture.logo(Color.PINK), BASE);
        String live = f.approved(p, "Live", PartnerFixture.integration());
        String pending = create(p, PartnerFixture.integration()).id();
        offers.submit(p, pending);
        String draft = create(p, PartnerFixture.integration()).id();

        List<String> pendingIds = offers.adminList(OfferStatus.PENDING_APPROVAL).stream().map(OfferAdminView::id).toList();
        assertTrue(pendingIds.contains(pending));
        assertFalse(pendingIds.contains(live));
        assertFalse(pendingIds.contains(draft));
        List<String> all = offers.adminList(null).stream().map(OfferAdminView::id).toList();
        assertTrue(all.containsAll(List.of(live, pending, draft)));
        OfferAdminView shown = offers.adminList(OfferStatus.APPROVED).stream().filter(o -> o.id().equals(live))
                .findFirst().orElseThrow();
        assertEquals(p.partnerId(), shown.partnerId());
        assertEquals(OfferKind.JOB_POSTING, shown.kind());
        assertEquals("Live", shown.name());
        assertTrue(shown.visible());

        PartnerAdminView admin = offers.partners().stream().filter(a -> a.id().equals(p.partnerId())).findFirst()
                .orElseThrow();
        assertEquals(VendorType.JOB_BOARD, admin.vendorType());
        assertTrue(admin.verified());
        assertTrue(admin.profileSaved());
        assertTrue(admin.logo());
        assertEquals(1, admin.offersApproved());
        assertEquals(1, admin.offersPending());
        assertEquals(0, admin.liveTokens());
        assertEquals(shown.partnerCompany(), admin.companyName());

        PartnerAdminView bare = offers.partners().stream().filter(a -> !a.profileSaved()).findFirst().orElse(null);
        if (bare != null) {
            assertFalse(bare.logo());
        }
        PartnerCaller fresh = f.account();
        PartnerAdminView none = offers.partners().stream().filter(a -> a.id().equals(fresh.partnerId())).findFirst()
                .orElseThrow();
        assertNull(none.vendorType());
        assertFalse(none.profileSaved());
        assertFalse(none.logo());
        assertEquals(0, none.offersApproved());
    }

    // ------------------------------------------------------------------------------ the status table

    @Test
    public void theStatusTableAllowsExactlyTheseMoves() {
        Map<OfferStatus, Set<OfferStatus>> expected = Map.of(
                OfferStatus.DRAFT, Set.of(OfferStatus.PENDING_APPROVAL, OfferStatus.WITHDRAWN),
                OfferStatus.PENDING_APPROVAL, Set.of(OfferStatus.APPROVED, OfferStatus.REJECTED, OfferStatus.WITHDRAWN),
                OfferStatus.APPROVED, Set.of(OfferStatus.PENDING_APPROVAL, OfferStatus.WITHDRAWN),
                OfferStatus.REJECTED, Set.of(OfferStatus.DRAFT, OfferStatus.PENDING_APPROVAL, OfferStatus.WITHDRAWN),
                OfferStatus.WITHDRAWN, Set.of(OfferStatus.DRAFT, OfferStatus.PENDING_APPROVAL));
        for (OfferStatus from : OfferStatus.values()) {
            assertEquals(from.name(), expected.get(from), from.next());
            for (OfferStatus to : OfferStatus.values()) {
                assertEquals(from + " -> " + to, expected.get(from).contains(to), from.canMoveTo(to));
            }
        }
    }
}
