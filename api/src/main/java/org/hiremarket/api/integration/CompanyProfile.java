package org.hiremarket.api.integration;

/**
 * The public profile of a customer company, as a connector with {@code company.read} sees it.
 *
 * @param companyId the host's opaque company id
 * @param name      the company's display name
 */
public record CompanyProfile(String companyId, String name) {
}
