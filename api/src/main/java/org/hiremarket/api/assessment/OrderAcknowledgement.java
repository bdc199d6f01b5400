package org.hiremarket.api.assessment;

import java.util.Objects;

/**
 * The vendor took the order.
 *
 * @param vendorReference the vendor's own id of the order
 * @param candidateUrl    where the candidate takes the assessment, or {@code null}
 */
public record OrderAcknowledgement(String vendorReference, String candidateUrl) {

    public OrderAcknowledgement {
        Objects.requireNonNull(vendorReference, "vendorReference");
    }
}
