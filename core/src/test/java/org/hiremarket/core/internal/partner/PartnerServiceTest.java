package org.hiremarket.core.internal.partner;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.hiremarket.core.internal.partner.PartnerFixture.BASE;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Hashes;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.marketplace.ConnectionEntity;
import org.hiremarket.core.internal.marketplace.ConnectionState;
import org.hiremarket.core.internal.marketplace.Views.AddressView;
import org.hiremarket.core.internal.partner.PartnerViews.AddressIn;
import org.hiremarket.core.internal.partner.PartnerViews.CompanyProfileView;
import org.hiremarket.core.internal.partner.PartnerViews.ImageView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAccountView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerConnectionView;
import org.hiremarket.core.internal.partner.PartnerViews.PersonalIn;
import org.hiremarket.core.internal.partner.PartnerViews.ProfileIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.junit.Before;
import org.junit.Test;

/**
 * A partner's own data through PartnerService on the in-memory database: vendor type, personal
 * details, company profile, logo and photo, the public logo, the connections to its integrations;
 * a token reads only, and no partner reaches another's data.
 */
public class PartnerServiceTest {

    private PartnerFixture f;
    private PartnerService partners;

    @Before
    public void setUp() {
        f = PartnerFixture.shared(getClass());
        partners = f.partners;
    }

    private static List<String> fields(ApiException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    private static String message(ApiException e) {
        assertEquals(1, e.errors().size());
        return e.errors().get(0).message();
    }

    private static PersonalIn about(String about) {
        return new PersonalIn(null, null, null, null, about);
    }

    private static PersonalIn phone(String phone) {
        return new PersonalIn(null, null, phone, null, null);
    }

    private static ProfileIn website(String website) {
        return new ProfileIn("Acme", new AddressIn(null, "Berlin", null, null, "DE"), website, "About us");
    }

    // ------------------------------------------------------------------------------ vendor type

    @Test
    public void theVendorTypeIsRequiredAndOneOfTheList() {
        PartnerCaller p = f.account();
        PartnerAccountView before = partners.account(p, BASE);
        assertNull(before.vendorType());
        assertEquals(List.of(), before.offerKinds());
        assertTrue(before.verified());

        assertEquals("is required", message(refused(400, "validation-error", () -> partners.chooseVendorType(p, null, BASE))));
        assertEquals(List.of("vendorType"), fields(refused(400, "validation-error",
                () -> partners.chooseVendorType(p, new VendorTypeIn(" ", null), BASE))));
        ApiException e = refused(400, "validation-error",
                () -> partners.chooseVendorType(p, new VendorTypeIn("bakery", null), BASE));
        assertEquals("must be one of JOB_BOARD, AGGREGATOR, ASSESSMENT, MULTIPOSTING, SOURCING, RECRUITER", message(e));
        e = refused(400, "validation-error", () -> partners.chooseVendorType(p, new VendorTypeIn("ASSESSMENT", null), BASE));
        assertEquals(List.of("assessmentCategory"), fields(e));
        assertEquals("is required", message(e));
        e = refused(400, "validation-error",
                () -> partners.chooseVendorType(p, new VendorTypeIn("assessment", "palmistry"), BASE));
        assertEquals(List.of("assessmentCategory"), fields(e));
        e = refused(400, "validation-error",
                () -> partners.chooseVendorType(p, new VendorTypeIn("JOB_BOARD", "SKILLS_TEST"), BASE));
        assertEquals("is only for the vendor type ASSESSMENT", message(e));
        assertNull(partners.account(p, BASE).vendorType());

        PartnerAccountView v = partners.chooseVendorType(p, new VendorTypeIn(" assessment ", "skills_test"), BASE);
        assertEquals(VendorType.ASSESSMENT, v.vendorType());
        assertEquals(AssessmentCategory.SKILLS_TEST, v.assessmentCategory());
        assertEquals(List.of(OfferKind.ASSESSMENT), v.offerKinds());

        v = partners.chooseVendorType(p, new VendorTypeIn("JOB_BOARD", ""), BASE);
        assertEquals(VendorType.JOB_BOARD, v.vendorType());
        assertNull("the category goes with the type", v.assessmentCategory());
        assertEquals(List.of(OfferKind.JOB_POSTING), v.offerKinds());
        assertEquals(v, partners.account(p, BASE));
    }

    @Test
    public void theVendorTypeCannotChangeWhileOffersOfAKindItCannotMakeExist() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        f.offers.create(p, PartnerFixture.offer("Ads", PartnerFixture.integration()));
        // an aggregator makes job postings too
        assertEquals(VendorType.AGGREGATOR,
                partners.chooseVendorType(p, new VendorTypeIn("AGGREGATOR", null), BASE).vendorType());
        String before = f.snapshot(p.partnerId());
        ApiException e = refused(409, "vendor-type-in-use",
                () -> partners.chooseVendorType(p, new VendorTypeIn("RECRUITER", null), BASE));
        assertEquals("you have offers of the kind JOB_POSTING, which a RECRUITER cannot make; delete or withdraw them"
                + " first", e.detail());
        assertEquals(before, f.snapshot(p.partnerId()));
        assertEquals(VendorType.AGGREGATOR, partners.account(p, BASE).vendorType());
    }

    @Test
    public void aTokenCallerReadsButChangesNothing() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        PartnerCaller token = TestPartners.withToken(p.partnerId());
        String before = f.snapshot(p.partnerId());
        refused(403, "session-required", () -> partners.chooseVendorType(token, new VendorTypeIn("AGGREGATOR", null), BASE));
        refused(403, "session-required", () -> partners.updatePersonal(token, new PersonalIn("X", null, null, null, null),
                BASE));
        refused(403, "session-required", () -> partners.saveProfile(token, PartnerFixture.profile("Other"), BASE));
        refused(403, "session-required", () -> partners.uploadLogo(token, PartnerFixture.logo(Color.RED), BASE));
        refused(403, "session-required", () -> partners.uploadPhoto(token, PartnerFixture.opaque(64, 64), BASE));
        refused(403, "session-required", () -> partners.deleteImage(token, PartnerService.LOGO));
        assertEquals(before, f.snapshot(p.partnerId()));

        assertEquals(partners.account(p, BASE), partners.account(token, BASE));
        assertEquals(partners.profile(p, BASE), partners.profile(token, BASE));
        assertEquals(List.of(), partners.connections(token));
    }

    // ------------------------------------------------------------------------------ personal details

    @Test
    public void personalDetailsAreCheckedAllAtOnce() {
        PartnerCaller p = f.account();
        refused(400, "bad-request", () -> partners.updatePersonal(p, null, BASE));
        String before = f.snapshot(p.partnerId());
        ApiException e = refused(400, "validation-error", () -> partners.updatePersonal(p,
                new PersonalIn(" ", "not-mail", "call me", "j".repeat(101), "short"), BASE));
        assertEquals(List.of("name", "contactEmail", "phone", "jobTitle", "about"), fields(e));
        assertEquals("must be one or two sentences of 10 to 300 characters; this one has 5", e.errors().get(4).message());
        assertEquals(before, f.snapshot(p.partnerId()));

        assertEquals(List.of("name"), fields(refused(400, "validation-error",
                () -> partners.updatePersonal(p, new PersonalIn("n".repeat(101), null, null, null, null), BASE))));
        assertEquals(List.of("contactEmail"), fields(refused(400, "validation-error", () -> partners.updatePersonal(p,
                new PersonalIn(null, "a@" + "b".repeat(249) + ".com", null, null, null), BASE))));
        String longest = "a@" + "b".repeat(248) + ".com";
        assertEquals(254, longest.length());
        assertEquals(longest, partners.updatePersonal(p, new PersonalIn(null, longest, null, null, null), BASE)
                .contactEmail());
    }

    @Test
    public void theAboutTextIsTenTo300CharactersOnOneLine() {
        PartnerCaller p = f.account();
        refused(400, "validation-error", () -> partners.updatePersonal(p, about("123456789"), BASE));
        assertEquals("1234567890", partners.updatePersonal(p, about(" 1234567890 "), BASE).about());
        assertEquals("a".repeat(300), partners.updatePersonal(p, about("a".repeat(300)), BASE).about());
        ApiException e = refused(400, "validation-error", () -> partners.updatePersonal(p, about("a".repeat(301)), BASE));
        assertEquals("must be one or two sentences of 10 to 300 characters; this one has 301", message(e));
        e = refused(400, "validation-error", () -> partners.updatePersonal(p, about("First line.\nSecond line."), BASE));
        assertEquals("must be one line without control characters", message(e));
        assertEquals("a".repeat(300), partners.account(p, BASE).about());
    }

    @Test
    public void thePhoneIsFiveTo30DigitsAndSigns() {
        PartnerCaller p = f.account();
        refused(400, "validation-error", () -> partners.updatePersonal(p, phone("1234"), BASE));
        refused(400, "validation-error", () -> partners.updatePersonal(p, phone("+49 30 CALL ME"), BASE));
        refused(400, "validation-error", () -> partners.updatePersonal(p, phone("1".repeat(31)), BASE));
        assertEquals("12345", partners.updatePersonal(p, phone("12345"), BASE).phone());
        assertEquals("1".repeat(30), partners.updatePersonal(p, phone("1".repeat(30)), BASE).phone());
        assertEquals("+49 (30) 123-45.67", partners.updatePersonal(p, phone(" +49 (30) 123-45.67 "), BASE).phone());
    }

    @Test
    public void aChangeKeepsWhatIsNotSentAndEmptyTextRemovesAnOptionalField() {
        PartnerCaller p = f.account();
        PartnerAccountView v = partners.updatePersonal(p, new PersonalIn(" Pat Newname ", " pat@acme.example ",
                "+49 30 1234567", " Head of sales ", "We sell job ads to many companies."), BASE);
        assertEquals("Pat Newname", v.name());
        assertEquals("pat@acme.example", v.contactEmail());
        assertEquals("+49 30 1234567", v.phone());
        assertEquals("Head of sales", v.jobTitle());
        assertEquals("We sell job ads to many companies.", v.about());
        assertEquals("the account's name changes", "Pat Newname",
                f.rows("SELECT NAME FROM HM_PARTNER_ACCOUNT WHERE ID = ?", p.partnerId()).get(0));

        f.sql("UPDATE HM_PARTNER_ACCOUNT SET UPDATEDAT = 1000 WHERE ID = '" + p.partnerId() + "'");
        f.sql("UPDATE HM_PARTNER SET UPDATEDAT = 2000 WHERE ID = '" + p.partnerId() + "'");
        assertEquals("the later of the account's and the details' change", 2000,
                partners.account(p, BASE).updatedAt().toEpochMilli());
        PartnerAccountView same = partners.updatePersonal(p, new PersonalIn(null, null, null, null, null), BASE);
        assertEquals(v.name(), same.name());
        assertEquals(v.contactEmail(), same.contactEmail());
        assertEquals(v.phone(), same.phone());
        assertEquals(v.jobTitle(), same.jobTitle());
        assertEquals(v.about(), same.about());

        PartnerAccountView phoneOnly = partners.updatePersonal(p, phone("+1 555 0100"), BASE);
        assertEquals("+1 555 0100", phoneOnly.phone());
        assertEquals(v.about(), phoneOnly.about());
        assertEquals(v.contactEmail(), phoneOnly.contactEmail());

        PartnerAccountView removed = partners.updatePersonal(p, new PersonalIn(null, "", " ", "", " "), BASE);
        assertEquals("Pat Newname", removed.name());
        assertNull(removed.contactEmail());
        assertNull(removed.phone());
        assertNull(removed.jobTitle());
        assertNull(removed.about());
        assertEquals(removed, partners.account(p, BASE));
    }

    // ------------------------------------------------------------------------------ company profile

    @Test
    public void theProfileIsNotFoundUntilSavedAndEveryInvalidFieldIsNamed() {
        PartnerCaller p = f.account();
        ApiException e = refused(404, "profile-not-saved", () -> partners.profile(p, BASE));
        assertTrue(e.detail(), e.detail().contains("PUT /partner/profile"));
        refused(400, "bad-request", () -> partners.saveProfile(p, null, BASE));
        e = refused(400, "validation-error", () -> partners.saveProfile(p, new ProfileIn(" ", null, null, " "), BASE));
        assertEquals(List.of("name", "website", "description", "address"), fields(e));
        e = refused(400, "validation-error", () -> partners.saveProfile(p, new ProfileIn("n".repeat(101),
                new AddressIn("s".repeat(201), " ", "p".repeat(21), "r".repeat(101), "XX"), "ftp://acme.example",
                "d".repeat(4001)), BASE));
        assertEquals(List.of("name", "website", "description", "address.street", "address.city", "address.postalCode",
                "address.region", "address.countryCode"), fields(e));
        assertEquals("is not an ISO 3166 alpha-2 country code: XX", e.errors().get(7).message());
        e = refused(400, "validation-error", () -> partners.saveProfile(p, new ProfileIn("Acme",
                new AddressIn(null, "Berlin", null, null, null), "https://acme.example", "About"), BASE));
        assertEquals(List.of("address.countryCode"), fields(e));
        refused(404, "profile-not-saved", () -> partners.profile(p, BASE));
    }

    @Test
    public void theWebsiteIsAnHttpOrHttpsAddressWithoutUserInfo() {
        PartnerCaller p = f.account();
        for (String bad : List.of("ftp://acme.example", "https://user:pw@acme.example", "https:/acme.example", "mailto:a@b.example",
                "acme.example", "https://acme.example/" + "x".repeat(300))) {
            ApiException e = refused(400, "validation-error", () -> partners.saveProfile(p, website(bad), BASE));
            assertEquals(bad, List.of("website"), fields(e));
            assertEquals("must be an http or https address of at most 300 characters, such as https://example.com",
                    message(e));
        }
        ApiException e = refused(400, "validation-error", () -> partners.saveProfile(p, website("https://a b"), BASE));
        assertTrue(message(e), message(e).startsWith("is not a web address: "));
        e = refused(400, "validation-error", () -> partners.saveProfile(p, website("http://"), BASE));
        assertEquals("is not a web address: Expected authority", message(e));
        assertEquals("HTTP://Acme.example/jobs", partners.saveProfile(p, website(" HTTP://Acme.example/jobs "), BASE)
                .website());
        assertEquals("https://acme.example", partners.saveProfile(p, website("https://acme.example"), BASE).website());
        String longest = "https://acme.example/" + "x".repeat(279);
        assertEquals(300, longest.length());
        assertEquals(longest, partners.saveProfile(p, website(longest), BASE).website());
    }

    @Test
    public void theSavedProfileIsShownAsSavedWithTheCountryInUpperCase() {
        PartnerCaller p = f.account();
        long before = System.currentTimeMillis();
        CompanyProfileView v = partners.saveProfile(p, new ProfileIn(" Acme Hiring ",
                new AddressIn(" 1 Main St ", " Berlin ", " 10115 ", " BE ", " de "), "https://acme.example",
                " Line one.\nLine two. "), BASE);
        assertEquals("Acme Hiring", v.name());
        assertEquals(new AddressView("1 Main St", "Berlin", "10115", "BE", "DE"), v.address());
        assertEquals("Line one.\nLine two.", v.description());
        assertNull(v.logoUrl());
        assertTrue(!v.savedAt().isBefore(Instant.ofEpochMilli(before)));
        assertEquals(v, partners.profile(p, BASE));

        CompanyProfileView changed = partners.saveProfile(p, new ProfileIn("Acme", new AddressIn(null, "Paris", null,
                null, "fr"), "https://acme.example", "Another"), BASE);
        assertEquals(new AddressView(null, "Paris", null, null, "FR"), changed.address());
    }

    // ------------------------------------------------------------------------------ images

    @Test
    public void theLogoNeedsASavedProfileAndIsStoredReplacedAndDeleted() {
        PartnerCaller p = f.account();
        byte[] blue = PartnerFixture.logo(Color.BLUE);
        ApiException e = refused(409, "profile-not-saved", () -> partners.uploadLogo(p, blue, BASE));
        assertEquals("Save the profile first", e.title());
        assertEquals("[]", f.rows("SELECT ID FROM HM_PARTNER_IMAGE WHERE ID LIKE ?", p.partnerId() + "%").toString());

        partners.saveProfile(p, PartnerFixture.profile("Acme"), BASE);
        ApiException wrongSize = refused(() -> partners.uploadLogo(p, PartnerFixture.opaque(300, 100), BASE));
        assertEquals(400, wrongSize.status());
        assertEquals("[]", f.rows("SELECT ID FROM HM_PARTNER_IMAGE WHERE ID LIKE ?", p.partnerId() + "%").toString());
        assertNull(partners.profile(p, BASE).logoUrl());
        String blueHash = Hashes.sha256Hex(blue);
        ImageView v = partners.uploadLogo(p, blue, BASE);
        assertEquals(new ImageView("https://host.example/api/v1/partner/profile/logo?v=" + blueHash.substring(0, 12),
                "image/png", 300, 120, List.of()), v);
        assertEquals(v.url(), partners.profile(p, BASE).logoUrl());
        PartnerService.StoredImage stored = partners.ownImage(p, PartnerService.LOGO);
        assertArrayEquals(blue, stored.bytes());
        assertEquals("image/png", stored.mediaType());
        assertEquals(blueHash, stored.hash());

        byte[] opaque = PartnerFixture.opaque(300, 120);
        ImageView replaced = partners.uploadLogo(p, opaque, URI.create("https://other.example/api"));
        assertEquals("https://other.example/api/partner/profile/logo?v=" + Hashes.sha256Hex(opaque).substring(0, 12),
                replaced.url());
        assertEquals(List.of(ImageCheck.OPAQUE_LOGO_WARNING), replaced.warnings());
        assertArrayEquals(opaque, partners.ownImage(p, PartnerService.LOGO).bytes());
        assertEquals(1, f.rows("SELECT ID FROM HM_PARTNER_IMAGE WHERE ID LIKE ?", p.partnerId() + "%").size());
        assertEquals("/api/v1/partner/profile/logo?v=" + Hashes.sha256Hex(opaque).substring(0, 12),
                partners.profile(p, null).logoUrl());

        partners.deleteImage(p, PartnerService.LOGO);
        assertNull(partners.profile(p, BASE).logoUrl());
        ApiException gone = refused(404, "not-found", () -> partners.ownImage(p, PartnerService.LOGO));
        assertEquals("logo 'of this partner' does not exist", gone.detail());
        partners.deleteImage(p, PartnerService.LOGO);
    }

    @Test
    public void thePhotoIsStoredOnTheAccountAndDeletedApartFromTheLogo() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        byte[] logo = PartnerFixture.logo(Color.GREEN);
        partners.uploadLogo(p, logo, BASE);
        refused(() -> partners.uploadPhoto(p, PartnerFixture.opaque(16, 16), BASE));
        byte[] photo = PartnerFixture.opaque(64, 64);
        ImageView v = partners.uploadPhoto(p, photo, BASE);
        String url = "https://host.example/api/v1/partner/account/photo?v=" + Hashes.sha256Hex(photo).substring(0, 12);
        assertEquals(new ImageView(url, "image/png", 64, 64, List.of()), v);
        assertEquals(url, partners.account(p, BASE).photoUrl());
        assertArrayEquals(photo, partners.ownImage(p, PartnerService.PHOTO).bytes());

        partners.deleteImage(p, PartnerService.PHOTO);
        assertNull(partners.account(p, BASE).photoUrl());
        refused(404, "not-found", () -> partners.ownImage(p, PartnerService.PHOTO));
        assertArrayEquals("the logo stays", logo, partners.ownImage(p, PartnerService.LOGO).bytes());
        assertTrue(partners.profile(p, BASE).logoUrl() != null);
    }

    @Test
    public void aPartnerWhoseAccountIsNoLongerVerifiedIsShownNowhere() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        partners.uploadLogo(p, PartnerFixture.logo(Color.BLUE), BASE);
        String integration = PartnerFixture.integration();
        f.approved(p, "Ads", integration);
        assertArrayEquals(PartnerFixture.logo(Color.BLUE), partners.publicLogo(p.partnerId()).bytes());
        assertTrue(f.offers.integrationPartners().containsKey(integration));

        f.sql("UPDATE HM_PARTNER_ACCOUNT SET VERIFIEDAT = NULL WHERE ID = '" + p.partnerId() + "'");
        refused(404, "not-found", () -> partners.publicLogo(p.partnerId()));
        assertFalse(f.offers.integrationPartners().containsKey(integration));
        assertTrue(f.offers.listing(integration, BASE).isEmpty());
    }

    @Test
    public void thePublicLogoIsServedOnlyWhileAnOfferIsVisible() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        byte[] logo = PartnerFixture.logo(Color.ORANGE);
        partners.uploadLogo(p, logo, BASE);
        refused(404, "not-found", () -> partners.publicLogo(p.partnerId()));
        refused(404, "not-found", () -> partners.publicLogo(null));
        String offer = f.offers.create(p, PartnerFixture.offer("Ads", PartnerFixture.integration())).id();
        f.offers.submit(p, offer);
        refused(404, "not-found", () -> partners.publicLogo(p.partnerId()));

        f.offers.approve(offer);
        PartnerService.StoredImage shown = partners.publicLogo(p.partnerId());
        assertArrayEquals(logo, shown.bytes());
        assertEquals(Hashes.sha256Hex(logo), shown.hash());

        f.offers.withdraw(p, offer);
        ApiException e = refused(404, "not-found", () -> partners.publicLogo(p.partnerId()));
        assertEquals("partner logo '" + p.partnerId() + "' does not exist", e.detail());

        // a visible partner without a logo
        PartnerCaller bare = f.partner(VendorType.JOB_BOARD);
        f.approved(bare, "Ads", PartnerFixture.integration());
        refused(404, "not-found", () -> partners.publicLogo(bare.partnerId()));
    }

    // ------------------------------------------------------------------------------ connections

    private String connection(Caller company, String integrationId, ConnectionState state, long at) {
        String id = java.util.UUID.randomUUID().toString();
        f.db.tx(em -> {
            ConnectionEntity c = new ConnectionEntity(id, company.companyId(), integrationId, at);
            c.moveTo(state, state.name(), "set by the test", at);
            em.persist(c);
            return null;
        });
        return id;
    }

    @Test
    public void connectionsAreThoseToTheIntegrationsOfTheApprovedOffersOnly() {
        PartnerCaller p = f.partner(VendorType.JOB_BOARD);
        PartnerCaller other = f.partner(VendorType.JOB_BOARD);
        String mine = PartnerFixture.integration();
        String pendingOne = PartnerFixture.integration();
        String theirs = PartnerFixture.integration();
        String suffix = java.util.UUID.randomUUID().toString();
        Caller acme = TestCompanies.create(f.db, "Acme " + suffix);
        Caller globex = TestCompanies.create(f.db, "Globex " + suffix);
        String c1 = connection(acme, mine, ConnectionState.ACTIVE, 1_000_000L);
        String c2 = connection(globex, mine, ConnectionState.DISCONNECTED, 2_000_000L);
        connection(acme, theirs, ConnectionState.ACTIVE, 3_000_000L);
        connection(acme, pendingOne, ConnectionState.ACTIVE, 4_000_000L);
        assertEquals("nothing before an offer is approved", List.of(), partners.connections(p));

        String offer = f.approved(p, "Ads", mine);
        f.offers.submit(p, f.offers.create(p, PartnerFixture.offer("Pending", pendingOne)).id());
        f.approved(other, "Theirs", theirs);

        List<PartnerConnectionView> list = partners.connections(p);
        assertEquals(List.of(
                new PartnerConnectionView(c2, mine, "Globex " + suffix, "DISCONNECTED", Instant.ofEpochMilli(2_000_000L)),
                new PartnerConnectionView(c1, mine, "Acme " + suffix, "ACTIVE", Instant.ofEpochMilli(1_000_000L))), list);
        assertEquals(list, partners.connections(TestPartners.withToken(p.partnerId())));
        assertEquals(List.of(theirs), partners.connections(other).stream().map(PartnerConnectionView::integrationId)
                .distinct().toList());

        f.offers.withdraw(p, offer);
        assertEquals(List.of(), partners.connections(p));
    }

    // ------------------------------------------------------------------------------ tenants

    @Test
    public void aPartnerNeverReachesAnotherPartnersData() {
        PartnerCaller a = f.partner(VendorType.JOB_BOARD);
        PartnerCaller b = f.partner(VendorType.JOB_BOARD);
        partners.uploadLogo(a, PartnerFixture.logo(Color.MAGENTA), BASE);
        partners.uploadPhoto(a, PartnerFixture.opaque(40, 40), BASE);
        String draft = f.offers.create(a, PartnerFixture.offer("Draft", PartnerFixture.integration())).id();
        String live = f.approved(a, "Live", PartnerFixture.integration());
        String before = f.snapshot(a.partnerId());

        for (String id : List.of(draft, live)) {
            refused(404, "not-found", () -> f.offers.get(b, id));
            refused(404, "not-found", () -> f.offers.update(b, id, PartnerFixture.offer("Mine now", "x-" + id)));
            refused(404, "not-found", () -> f.offers.submit(b, id));
            refused(404, "not-found", () -> f.offers.withdraw(b, id));
            refused(404, "not-found", () -> f.offers.delete(b, id));
        }
        refused(404, "not-found", () -> partners.ownImage(b, PartnerService.LOGO));
        refused(404, "not-found", () -> partners.ownImage(b, PartnerService.PHOTO));
        partners.deleteImage(b, PartnerService.LOGO);
        partners.deleteImage(b, PartnerService.PHOTO);
        assertEquals(0, f.offers.list(b, null, org.hiremarket.core.internal.common.PageRequest.of(0, 50)).content().size());
        assertEquals(before, f.snapshot(a.partnerId()));
        assertNotEquals(partners.account(a, BASE).id(), partners.account(b, BASE).id());
    }

    @Test
    public void aPartnerWhoseAccountIsGoneIsNotFound() {
        PartnerCaller ghost = TestPartners.signedIn("no-such-partner");
        refused(404, "not-found", () -> partners.account(ghost, BASE));
        refused(404, "not-found", () -> partners.chooseVendorType(ghost, new VendorTypeIn("JOB_BOARD", null), BASE));
        refused(404, "not-found", () -> partners.saveProfile(ghost, PartnerFixture.profile("Ghost"), BASE));
        refused(409, "profile-not-saved", () -> partners.uploadLogo(ghost, PartnerFixture.logo(Color.BLACK), BASE));
        refused(404, "not-found", () -> partners.uploadPhoto(ghost, PartnerFixture.opaque(40, 40), BASE));
        assertEquals("[]", f.rows("SELECT ID FROM HM_PARTNER WHERE ID = 'no-such-partner'").toString());
    }
}
