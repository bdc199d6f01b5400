package org.hiremarket.core.internal.partner;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.common.Ids;
import org.hiremarket.core.internal.common.Page;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.common.StoredJson;
import org.hiremarket.core.internal.common.Text;
import org.hiremarket.core.internal.identity.PartnerAccountEntity;
import org.hiremarket.core.internal.identity.PartnerAuthService;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.mail.MailText;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.Views.KnownIntegration;
import org.hiremarket.core.internal.marketplace.Views.Listing;
import org.hiremarket.core.internal.marketplace.Views.OfferSummaryView;
import org.hiremarket.core.internal.marketplace.Views.PriceView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferAdminView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferEventView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferIn;
import org.hiremarket.core.internal.partner.PartnerViews.OfferVersionView;
import org.hiremarket.core.internal.partner.PartnerViews.OfferView;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAdminView;
import org.hiremarket.core.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Partners' offers and their approval. A partner writes offers of the kinds its vendor type allows
 * and submits them; the platform admin approves or rejects them from the console (the partner is
 * told by mail). Customers see, beside each integration, the approved offers naming it and their
 * partner's profile. An approved offer ties its integration to its partner: no other partner's
 * offer for the same integration can be approved while it is visible.
 */
@Component(service = OfferService.class)
public class OfferService {

    /** Offers a partner may hold at once. */
    static final int MAX_OFFERS = 50;
    static final String PARTNER = "partner";
    static final String ADMIN = "admin";
    private static final Pattern INTEGRATION_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,99}");
    private static final Logger LOG = LoggerFactory.getLogger(OfferService.class);

    private final Database db;
    private final MarketplaceService marketplace;
    private final Mailer mailer;

    @Activate
    public OfferService(@Reference Database db, @Reference MarketplaceService marketplace, @Reference Mailer mailer) {
        this.db = db;
        this.marketplace = marketplace;
        this.mailer = mailer;
    }

    // ------------------------------------------------------------------------------ the partner's side

    public OfferView create(PartnerCaller caller, OfferIn in) {
        PartnerAuthService.requireSession(caller, "create offers");
        if (in == null) {
            throw ApiException.badRequest("a JSON body with the offer is required");
        }
        VendorType type = db.tx(em -> {
            PartnerEntity p = em.find(PartnerEntity.class, caller.partnerId());
            return p == null ? null : p.getVendorType();
        });
        if (type == null) {
            throw ApiException.conflict("vendor-type-required", "Choose a vendor type first",
                    "choose whether you are a job board, assessment vendor, recruiter, ... first"
                            + " (PUT /partner/account/vendor-type): it decides which offers you can make");
        }
        List<FieldError> errors = new ArrayList<>();
        OfferKind kind = kind(errors, in.kind(), type);
        OfferContent content = content(errors, in, null);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        checkIntegrationKind(kind, content.integrationId());
        return db.tx(em -> {
            long count = em.createQuery("SELECT COUNT(o) FROM OfferEntity o WHERE o.partnerId = :p", Long.class)
                    .setParameter("p", caller.partnerId()).getSingleResult();
            if (count >= MAX_OFFERS) {
                throw ApiException.conflict("too-many-offers", "Too many offers",
                        "a partner holds at most " + MAX_OFFERS + " offers; delete one first");
            }
            long now = System.currentTimeMillis();
            OfferEntity o = new OfferEntity(Ids.newId(), caller.partnerId(), kind, content, now);
            em.persist(o);
            event(em, o, null, OfferStatus.DRAFT, PARTNER, "Created", now);
            return view(em, o, true);
        });
    }

    public Page<OfferView> list(PartnerCaller caller, OfferStatus status, PageRequest page) {
        return db.tx(em -> Page.of(em.createNamedQuery("Offer.ofPartner", OfferEntity.class)
                .setParameter("partnerId", caller.partnerId()).getResultList().stream()
                .filter(o -> status == null || o.getStatus() == status).map(o -> view(em, o, false)).toList(), page));
    }

    public OfferView get(PartnerCaller caller, String offerId) {
        return db.tx(em -> view(em, own(em, caller, offerId), true));
    }

    /**
     * Changes what is sent. A draft stays a draft; a change of an offer waiting for approval stays
     * waiting; a change of an approved offer goes to approval while the approved version stays
     * visible; a rejected or withdrawn offer becomes a draft again. Nothing changed is no change.
     */
    public OfferView update(PartnerCaller caller, String offerId, OfferIn in) {
        PartnerAuthService.requireSession(caller, "change offers");
        if (in == null) {
            throw ApiException.badRequest("a JSON body with the changes is required");
        }
        OfferEntity current = db.tx(em -> own(em, caller, offerId));
        List<FieldError> errors = new ArrayList<>();
        if (in.kind() != null && !in.kind().trim().equalsIgnoreCase(current.getKind().name())) {
            errors.add(new FieldError("kind", "cannot change; create another offer for another kind"));
        }
        OfferContent content = content(errors, in, current.content());
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (!content.integrationId().equals(current.getIntegrationId())) {
            checkIntegrationKind(current.getKind(), content.integrationId());
        }
        return db.tx(em -> {
            OfferEntity o = own(em, caller, offerId);
            if (o.content().equals(content)) {
                return view(em, o, true);
            }
            long now = System.currentTimeMillis();
            OfferStatus from = o.getStatus();
            o.content(content, now);
            switch (from) {
                case DRAFT -> event(em, o, from, from, PARTNER, "Changed", now);
                case PENDING_APPROVAL -> {
                    o.status(OfferStatus.PENDING_APPROVAL, now);
                    event(em, o, from, OfferStatus.PENDING_APPROVAL, PARTNER, "Changed while waiting for approval", now);
                }
                case APPROVED -> {
                    o.status(OfferStatus.PENDING_APPROVAL, now);
                    event(em, o, from, OfferStatus.PENDING_APPROVAL, PARTNER,
                            "Changed: sent for approval; the approved version stays visible meanwhile", now);
                }
                case REJECTED, WITHDRAWN -> {
                    o.status(OfferStatus.DRAFT, now);
                    event(em, o, from, OfferStatus.DRAFT, PARTNER, "Changed", now);
                }
            }
            return view(em, o, true);
        });
    }

    /** Sends a draft, rejected or withdrawn offer for approval; the company profile must be saved first. */
    public OfferView submit(PartnerCaller caller, String offerId) {
        PartnerAuthService.requireSession(caller, "submit offers");
        return db.tx(em -> {
            OfferEntity o = own(em, caller, offerId);
            OfferStatus from = o.getStatus();
            if (from == OfferStatus.PENDING_APPROVAL) {
                return view(em, o, true);
            }
            if (from == OfferStatus.APPROVED) {
                throw invalidMove(o, OfferStatus.PENDING_APPROVAL, "it is approved; change it to send a new version");
            }
            PartnerEntity p = em.find(PartnerEntity.class, caller.partnerId());
            if (p == null || p.getProfileSavedAt() == null) {
                throw ApiException.conflict("profile-required", "Save the company profile first",
                        "customers see your company profile beside your offers: save it (PUT /partner/profile)"
                                + " before submitting an offer");
            }
            if (!p.getVendorType().offerKinds().contains(o.getKind())) {
                throw ApiException.conflict("offer-kind-not-allowed", "Offer kind not allowed",
                        "a " + p.getVendorType() + " cannot offer " + o.getKind());
            }
            long now = System.currentTimeMillis();
            o.status(OfferStatus.PENDING_APPROVAL, now);
            event(em, o, from, OfferStatus.PENDING_APPROVAL, PARTNER, "Submitted for approval", now);
            return view(em, o, true);
        });
    }

    /** Takes an offer off the marketplace (and out of approval); it can be changed and submitted again. */
    public OfferView withdraw(PartnerCaller caller, String offerId) {
        PartnerAuthService.requireSession(caller, "withdraw offers");
        return db.tx(em -> {
            OfferEntity o = own(em, caller, offerId);
            OfferStatus from = o.getStatus();
            if (from == OfferStatus.WITHDRAWN) {
                return view(em, o, true);
            }
            boolean live = o.getApprovedContent() != null;
            if (!live && from != OfferStatus.PENDING_APPROVAL) {
                throw invalidMove(o, OfferStatus.WITHDRAWN, "it is neither approved nor waiting for approval;"
                        + " delete it instead");
            }
            long now = System.currentTimeMillis();
            o.status(OfferStatus.WITHDRAWN, now);
            o.hidden(now);
            event(em, o, from, OfferStatus.WITHDRAWN, PARTNER, live ? "Withdrawn from the marketplace"
                    : "Withdrawn from approval", now);
            return view(em, o, true);
        });
    }

    /** Deletes an offer customers never saw and the admin is not looking at. */
    public void delete(PartnerCaller caller, String offerId) {
        PartnerAuthService.requireSession(caller, "delete offers");
        db.tx(em -> {
            OfferEntity o = own(em, caller, offerId);
            if (o.getApprovedContent() != null || o.getStatus() == OfferStatus.PENDING_APPROVAL) {
                throw ApiException.conflict("offer-in-use", "Offer in use", "offer " + offerId + " is "
                        + (o.getApprovedContent() != null ? "visible to customers" : "waiting for approval")
                        + "; withdraw it first");
            }
            em.createQuery("DELETE FROM OfferEventEntity e WHERE e.offerId = :id").setParameter("id", o.getId())
                    .executeUpdate();
            em.remove(o);
            return null;
        });
    }

    // ------------------------------------------------------------------------------ the platform admin's side

    public List<OfferAdminView> adminList(OfferStatus status) {
        return db.tx(em -> (status == null ? em.createNamedQuery("Offer.all", OfferEntity.class)
                : em.createNamedQuery("Offer.byStatus", OfferEntity.class).setParameter("status", status))
                .getResultList().stream().map(o -> adminView(em, o)).toList());
    }

    public OfferAdminView approve(String offerId) {
        OfferAdminView approved = db.tx(em -> {
            OfferEntity o = pending(em, offerId, OfferStatus.APPROVED);
            List<OfferEntity> claimed = em.createNamedQuery("Offer.visibleFor", OfferEntity.class)
                    .setParameter("integrationId", o.getIntegrationId()).getResultList().stream()
                    .filter(other -> !other.getPartnerId().equals(o.getPartnerId())).toList();
            if (!claimed.isEmpty()) {
                throw ApiException.conflict("integration-claimed", "Integration of another partner",
                        "integration " + o.getIntegrationId() + " is tied to partner " + claimed.get(0).getPartnerId()
                                + " by its approved offer " + claimed.get(0).getId() + "; reject this offer");
            }
            long now = System.currentTimeMillis();
            o.approved(json(o.content()), now);
            event(em, o, OfferStatus.PENDING_APPROVAL, OfferStatus.APPROVED, ADMIN, "Approved", now);
            return adminView(em, o);
        });
        tell(approved, "Your offer \"" + MailText.userValue(approved.name()) + "\" was approved",
                "it is now shown to customers beside integration " + approved.integrationId() + ".");
        return approved;
    }

    public OfferAdminView reject(String offerId, String reason) {
        List<FieldError> errors = new ArrayList<>();
        String r = Text.required(errors, "reason", reason, 1000);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        OfferAdminView rejected = db.tx(em -> {
            OfferEntity o = pending(em, offerId, OfferStatus.REJECTED);
            long now = System.currentTimeMillis();
            o.rejected(r, now);
            event(em, o, OfferStatus.PENDING_APPROVAL, OfferStatus.REJECTED, ADMIN, r, now);
            return adminView(em, o);
        });
        tell(rejected, "Your offer \"" + MailText.userValue(rejected.name()) + "\" was not approved",
                "the reason the platform gave:\n\n  " + r
                        + "\n\nChange the offer and submit it again." + (rejected.visible()
                                ? " The version approved before stays visible to customers meanwhile." : ""));
        return rejected;
    }

    public List<PartnerAdminView> partners() {
        return db.tx(em -> em.createNamedQuery("PartnerAccount.all", PartnerAccountEntity.class).getResultList()
                .stream().map(a -> {
                    PartnerEntity p = em.find(PartnerEntity.class, a.getId());
                    List<OfferEntity> offers = em.createNamedQuery("Offer.ofPartner", OfferEntity.class)
                            .setParameter("partnerId", a.getId()).getResultList();
                    long tokens = em.createNamedQuery("PartnerToken.countLive", Long.class)
                            .setParameter("partnerId", a.getId()).getSingleResult();
                    return new PartnerAdminView(a.getId(), a.getEmail(), a.getName(), a.getCompanyName(),
                            a.isVerified(), p == null ? null : p.getVendorType(),
                            p != null && p.getProfileSavedAt() != null, p != null && p.getLogoHash() != null,
                            offers.stream().filter(o -> o.getApprovedContent() != null).count(),
                            offers.stream().filter(o -> o.getStatus() == OfferStatus.PENDING_APPROVAL).count(), tokens,
                            Instant.ofEpochMilli(a.getCreatedAt()));
                }).toList());
    }

    /** Per integration id: the partner its visible offer ties it to, and that offer's status ("company (STATUS)"). */
    public Map<String, String[]> integrationPartners() {
        return db.tx(em -> {
            Map<String, String[]> out = new LinkedHashMap<>();
            for (OfferEntity o : em.createNamedQuery("Offer.visible", OfferEntity.class).getResultList()) {
                PartnerAccountEntity a = em.find(PartnerAccountEntity.class, o.getPartnerId());
                if (a == null || !a.isVerified()) {
                    continue;
                }
                out.putIfAbsent(o.getApprovedIntegrationId(),
                        new String[] { a.getCompanyName(), o.getStatus().name() });
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------ the customers' side

    /** @return the partner and approved offers shown beside an integration, empty when none is approved */
    public Optional<Listing> listing(String integrationId, URI base) {
        return db.tx(em -> listing(em, integrationId, base));
    }

    /** The listings of many integrations in one transaction. */
    public Map<String, Listing> listings(List<String> integrationIds, URI base) {
        return db.tx(em -> {
            Map<String, Listing> out = new LinkedHashMap<>();
            for (String id : integrationIds) {
                listing(em, id, base).ifPresent(l -> out.put(id, l));
            }
            return out;
        });
    }

    private static Optional<Listing> listing(EntityManager em, String integrationId, URI base) {
        List<OfferEntity> offers = em.createNamedQuery("Offer.visibleFor", OfferEntity.class)
                .setParameter("integrationId", integrationId).getResultList().stream()
                .filter(o -> verified(em, o.getPartnerId())).toList();
        if (offers.isEmpty()) {
            return Optional.empty();
        }
        // approval keeps one partner per integration; the first approved one is its partner
        String partnerId = offers.get(0).getPartnerId();
        PartnerEntity p = em.find(PartnerEntity.class, partnerId);
        List<OfferSummaryView> shown = offers.stream().filter(o -> o.getPartnerId().equals(partnerId)).map(o -> {
            OfferContent c = parse(o.getApprovedContent());
            return new OfferSummaryView(o.getId(), o.getKind().name(), c.name(), c.description(), c.terms(),
                    price(c), c.countries(),
                    p == null || p.getAssessmentCategory() == null ? null : p.getAssessmentCategory().name(),
                    Instant.ofEpochMilli(o.getApprovedAt()));
        }).toList();
        return Optional.of(new Listing(PartnerService.publicProfile(em, partnerId, base), shown));
    }

    private static boolean verified(EntityManager em, String partnerId) {
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, partnerId);
        return a != null && a.isVerified();
    }

    /** The integrations a partner's visible offers name (the partner API shows their connections). */
    static Set<String> listedIntegrations(EntityManager em, String partnerId) {
        Set<String> ids = new LinkedHashSet<>();
        em.createNamedQuery("Offer.ofPartner", OfferEntity.class).setParameter("partnerId", partnerId)
                .getResultList().stream().map(OfferEntity::getApprovedIntegrationId).filter(Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }

    /** The integrations a partner's visible offers name. */
    public Set<String> listedIntegrations(String partnerId) {
        return db.tx(em -> listedIntegrations(em, partnerId));
    }

    // ------------------------------------------------------------------------------ helpers

    private static OfferEntity own(EntityManager em, PartnerCaller caller, String offerId) {
        OfferEntity o = offerId == null ? null : em.find(OfferEntity.class, offerId);
        if (o == null || !o.getPartnerId().equals(caller.partnerId())) {
            throw ApiException.notFound("offer", offerId);
        }
        return o;
    }

    private static OfferEntity pending(EntityManager em, String offerId, OfferStatus to) {
        OfferEntity o = offerId == null ? null : em.find(OfferEntity.class, offerId);
        if (o == null) {
            throw ApiException.notFound("offer", offerId);
        }
        if (o.getStatus() != OfferStatus.PENDING_APPROVAL) {
            throw invalidMove(o, to, "only an offer waiting for approval can be approved or rejected");
        }
        return o;
    }

    private static ApiException invalidMove(OfferEntity o, OfferStatus to, String why) {
        return ApiException.conflict("invalid-status-change", "Status change not allowed",
                "offer " + o.getId() + " is " + o.getStatus() + " and cannot become " + to + ": " + why);
    }

    private void checkIntegrationKind(OfferKind kind, String integrationId) {
        Optional<KnownIntegration> known = marketplace.lastKnown(integrationId);
        if (known.isPresent() && known.get().kind() != null && known.get().kind() != kind.integrationKind()) {
            throw ApiException.validation("integrationId", "names a " + known.get().kind()
                    + " integration; an offer of the kind " + kind + " needs a " + kind.integrationKind() + " one");
        }
    }

    private static OfferKind kind(List<FieldError> errors, String raw, VendorType type) {
        if (raw == null || raw.isBlank()) {
            if (type.offerKinds().size() == 1) {
                return type.offerKinds().iterator().next();
            }
            errors.add(new FieldError("kind", "is required: one of " + type.offerKinds()));
            return null;
        }
        OfferKind kind = PartnerService.enumOf(errors, "kind", raw, OfferKind.class, true);
        if (kind != null && !type.offerKinds().contains(kind)) {
            errors.add(new FieldError("kind", "a " + type + " can offer " + type.offerKinds().stream().sorted()
                    .map(Enum::name).toList() + " only"));
        }
        return kind;
    }

    /** The checked content: what is sent, the rest from {@code current} ({@code null} when creating). */
    static OfferContent content(List<FieldError> errors, OfferIn in, OfferContent current) {
        boolean creating = current == null;
        String name = in.name() == null && !creating ? current.name() : Text.required(errors, "name", in.name(), 100);
        String description = in.description() == null && !creating ? current.description()
                : in.description() == null || in.description().isBlank() ? required(errors, "description")
                        : Text.multiline(errors, "description", in.description(), 2000);
        String terms = in.terms() == null && !creating ? current.terms()
                : Text.multiline(errors, "terms", in.terms(), 1000);
        BigDecimal amount = in.amount() == null && !creating ? current.amount() : in.amount();
        String currency = in.currency() == null && !creating ? current.currency()
                : in.currency() == null || in.currency().isBlank() ? null : in.currency().trim().toUpperCase(java.util.Locale.ROOT);
        if (amount != null) {
            if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 10) {
                errors.add(new FieldError("amount", "must be 0 or more, with at most 10 digits before the point and 2 after"));
            }
            if (currency == null) {
                errors.add(new FieldError("currency", "is required with an amount (ISO 4217, such as EUR)"));
            }
        }
        if (currency != null) {
            if (amount == null) {
                errors.add(new FieldError("amount", "is required with a currency"));
            }
            if (!isCurrency(currency)) {
                errors.add(new FieldError("currency", "is not an ISO 4217 currency code: " + currency));
            }
        }
        List<String> countries = in.countries() == null && !creating ? current.countries() : countries(errors, in.countries());
        String integrationId = in.integrationId() == null && !creating ? current.integrationId()
                : integrationId(errors, in.integrationId());
        // more than 2 decimals is refused above; it is not rounded (that would throw: a 500 instead of the 400)
        return new OfferContent(name, description, terms, amount == null || amount.scale() > 2 ? amount
                : amount.stripTrailingZeros().setScale(Math.max(0, amount.scale()), java.math.RoundingMode.UNNECESSARY),
                currency, countries, integrationId);
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> countries(List<FieldError> errors, List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            errors.add(new FieldError("countries", "is required: the ISO 3166 alpha-2 codes of the countries served"));
            return List.of();
        }
        if (raw.size() > 250) {
            errors.add(new FieldError("countries", "has more than 250 entries"));
            return List.of();
        }
        Set<String> out = new java.util.TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String code = PartnerService.country(errors, "countries[" + i + "]", raw.get(i), true);
            if (code != null) {
                out.add(code);
            }
        }
        return List.copyOf(out);
    }

    private static String integrationId(List<FieldError> errors, String raw) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("integrationId", "is required: the id of the integration bundle that fulfils the offer"));
            return null;
        }
        String v = raw.trim();
        if (!INTEGRATION_ID.matcher(v).matches()) {
            errors.add(new FieldError("integrationId", "is not an integration id (lower-case letters, digits, . _ -;"
                    + " 2 to 100 characters)"));
        }
        return v;
    }

    private static String required(List<FieldError> errors, String field) {
        errors.add(new FieldError(field, "is required"));
        return null;
    }

    private static PriceView price(OfferContent c) {
        return c.amount() == null ? null : new PriceView(c.amount(), c.currency());
    }

    private static void event(EntityManager em, OfferEntity o, OfferStatus from, OfferStatus to, String actor,
            String note, long now) {
        long seq = em.createQuery("SELECT COUNT(e) FROM OfferEventEntity e WHERE e.offerId = :id", Long.class)
                .setParameter("id", o.getId()).getSingleResult();
        em.persist(new OfferEventEntity(Ids.newId(), o.getId(), now, seq, from, to, actor, note));
    }

    private static String json(OfferContent c) {
        try {
            return StoredJson.mapper().writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an offer's content cannot be written as JSON", e);
        }
    }

    private static OfferContent parse(String json) {
        try {
            return StoredJson.mapper().readValue(json, OfferContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored offer version cannot be read", e);
        }
    }

    private static OfferView view(EntityManager em, OfferEntity o, boolean withHistory) {
        OfferContent c = o.content();
        PartnerEntity p = em.find(PartnerEntity.class, o.getPartnerId());
        OfferVersionView live = null;
        if (o.getApprovedContent() != null) {
            OfferContent a = parse(o.getApprovedContent());
            live = new OfferVersionView(a.name(), a.description(), a.terms(), price(a), a.countries(), a.integrationId(),
                    Instant.ofEpochMilli(o.getApprovedAt()));
        }
        List<OfferEventView> history = !withHistory ? null
                : em.createNamedQuery("OfferEvent.ofOffer", OfferEventEntity.class).setParameter("offerId", o.getId())
                        .getResultList().stream().map(e -> new OfferEventView(Instant.ofEpochMilli(e.getAt()),
                                e.getFromStatus(), e.getToStatus(), e.getActor(), e.getNote())).toList();
        return new OfferView(o.getId(), o.getKind(), o.getStatus(), c.name(), c.description(), c.terms(), price(c),
                c.countries(), c.integrationId(),
                o.getKind() == OfferKind.ASSESSMENT && p != null ? p.getAssessmentCategory() : null,
                o.getRejectionReason(), live != null, live, Instant.ofEpochMilli(o.getCreatedAt()),
                Instant.ofEpochMilli(o.getUpdatedAt()),
                o.getSubmittedAt() == null ? null : Instant.ofEpochMilli(o.getSubmittedAt()), history);
    }

    private static OfferAdminView adminView(EntityManager em, OfferEntity o) {
        PartnerAccountEntity a = em.find(PartnerAccountEntity.class, o.getPartnerId());
        return new OfferAdminView(o.getId(), o.getPartnerId(), a == null ? "?" : a.getCompanyName(), o.getKind(),
                o.content().name(), o.getIntegrationId(), o.getStatus(), o.getApprovedContent() != null,
                o.getSubmittedAt() == null ? null : Instant.ofEpochMilli(o.getSubmittedAt()),
                Instant.ofEpochMilli(o.getUpdatedAt()), o.getRejectionReason());
    }

    /** Mails the partner (its contact email, else its account's) about a decision, after the commit. */
    private void tell(OfferAdminView offer, String subject, String text) {
        String[] to = db.tx(em -> {
            PartnerAccountEntity a = em.find(PartnerAccountEntity.class, offer.partnerId());
            PartnerEntity p = em.find(PartnerEntity.class, offer.partnerId());
            return a == null ? null : new String[] {
                p != null && p.getContactEmail() != null ? p.getContactEmail() : a.getEmail(), a.getName() };
        });
        if (to == null) {
            return;
        }
        try {
            mailer.send(to[0], subject, "Hello " + MailText.userValue(to[1]) + ",\n\nyour offer "
                    + offer.id() + " (" + offer.kind() + ") " + text + "\n\nSee it in the Partner Portal: GET "
                    + mailer.publicUrl() + "/api/v1/partner/offers/" + offer.id() + "\n");
        } catch (RuntimeException e) {
            LOG.warn("The partner of offer {} could not be told of the decision: {}", offer.id(), e.getMessage());
        }
    }
}
