package org.hiremarket.api.integration;

import java.util.Map;

/**
 * The data scopes the host knows how to grant and enforce. A descriptor that asks for any other
 * scope is refused by the host (the integration is listed as invalid and cannot be connected).
 */
public final class StandardScopes {

    /** Read the customer company's name and public profile. */
    public static final String COMPANY_READ = "company.read";
    /** Read job titles, locations and descriptions. */
    public static final String JOBS_READ = "jobs.read";
    /** Read candidate contact details (name, email, phone) of the candidates the connector is given. */
    public static final String CANDIDATES_READ = "candidates.read";
    /** Create candidates and applications (job boards and agencies submitting people). */
    public static final String CANDIDATES_WRITE = "candidates.write";
    /** Read the application a connector works on (status, hiring step). */
    public static final String APPLICATIONS_READ = "applications.read";
    /** Report assessment results for orders placed with the connector. */
    public static final String ASSESSMENT_RESULTS_WRITE = "assessments.results.write";

    /** Reverse scope: the host may read the customer's account data at the vendor. */
    public static final String VENDOR_ACCOUNT_READ = "vendor.account.read";
    /** Reverse scope: the host may read the vendor's catalogue of packages or products. */
    public static final String VENDOR_CATALOG_READ = "vendor.catalog.read";

    private static final Map<String, String> ALL = Map.of(
            COMPANY_READ, "Read your company name and public profile",
            JOBS_READ, "Read your jobs: titles, locations and descriptions",
            CANDIDATES_READ, "Read contact details of the candidates you send to this integration",
            CANDIDATES_WRITE, "Create candidates and applications in your account",
            APPLICATIONS_READ, "Read the status and hiring step of the applications you send",
            ASSESSMENT_RESULTS_WRITE, "Report assessment results for orders you placed",
            VENDOR_ACCOUNT_READ, "HireMarket reads your account data at the vendor",
            VENDOR_CATALOG_READ, "HireMarket reads the vendor's catalogue available to your account");

    private StandardScopes() {
    }

    /** @return whether the host knows and enforces this scope id */
    public static boolean isKnown(String scopeId) {
        return scopeId != null && ALL.containsKey(scopeId);
    }

    /** @return the host's own short description of a scope, or {@code null} if unknown */
    public static String describe(String scopeId) {
        return scopeId == null ? null : ALL.get(scopeId);
    }

    /** @return every known scope id with the host's description */
    public static Map<String, String> all() {
        return ALL;
    }
}
