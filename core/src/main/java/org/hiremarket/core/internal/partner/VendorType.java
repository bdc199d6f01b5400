package org.hiremarket.core.internal.partner;

import java.util.Set;

/**
 * What kind of vendor a partner is, chosen after the email is verified. It decides which kinds of
 * offers the partner may create.
 */
public enum VendorType {
    JOB_BOARD(OfferKind.JOB_POSTING),
    AGGREGATOR(OfferKind.JOB_POSTING),
    /** Needs an {@link AssessmentCategory}. */
    ASSESSMENT(OfferKind.ASSESSMENT),
    MULTIPOSTING(OfferKind.MULTIPOSTING),
    SOURCING(OfferKind.SOURCING),
    RECRUITER(OfferKind.RECRUITING);

    private final Set<OfferKind> offers;

    VendorType(OfferKind... offers) {
        this.offers = Set.of(offers);
    }

    /** @return the offer kinds a partner of this type may create */
    public Set<OfferKind> offerKinds() {
        return offers;
    }
}
