package org.hiremarket.core.internal.partner;

import java.math.BigDecimal;
import java.util.List;

/**
 * One version of an offer, as checked: what the partner wrote and, once approved, what customers see.
 *
 * @param terms     the price and terms as text
 * @param amount    an optional price, with {@code currency} (ISO 4217)
 * @param countries ISO 3166 alpha-2 codes of the countries served
 */
public record OfferContent(String name, String description, String terms, BigDecimal amount, String currency,
        List<String> countries, String integrationId) {
}
