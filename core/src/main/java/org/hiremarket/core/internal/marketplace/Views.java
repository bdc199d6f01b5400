package org.hiremarket.core.internal.marketplace;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import io.swagger.v3.oas.annotations.media.Schema;

/** What the marketplace shows callers: plain records, never entities. */
public final class Views {

    private Views() {
    }

    /**
     * A data scope as shown for review.
     *
     * @param id              scope id
     * @param description     the vendor's reason
     * @param hostDescription what the host grants with it
     */
    public record ScopeView(String id, String description, String hostDescription) {
        static ScopeView of(DataScope s) {
            return new ScopeView(s.id(), s.description(), StandardScopes.describe(s.id()));
        }

        static List<ScopeView> of(List<DataScope> scopes) {
            return scopes.stream().map(ScopeView::of).toList();
        }
    }

    /** A partner-account field the customer fills in. */
    public record AccountFieldView(String name, String label, boolean required, boolean secret, String pattern,
            String help) {
        static List<AccountFieldView> of(List<AccountField> fields) {
            return fields.stream()
                    .map(f -> new AccountFieldView(f.name(), f.label(), f.required(), f.secret(), f.pattern(), f.help()))
                    .toList();
        }
    }

    /**
     * An integration offered to customers. {@code status} is {@code AVAILABLE}, or {@code UNAVAILABLE}
     * while its plugin is not deployed: then only what was last known of it is shown (id, name,
     * vendor, kind, version) and new work for it waits or is refused until it is back.
     */
    public record IntegrationView(@Schema(required = true) String id, @Schema(required = true) String name, String vendor, @Schema(required = true) IntegrationKind kind, String version,
            @Schema(required = true) String status, String description, List<ScopeView> scopes, List<AccountFieldView> accountFields,
            List<ScopeView> reverseScopes, HealthView health, PartnerProfileView partner, List<OfferSummaryView> offers) {
        static IntegrationView of(IntegrationDescriptor d, PluginCaller.Health h) {
            return new IntegrationView(d.id(), d.name(), d.vendor(), d.kind(), d.version(), "AVAILABLE",
                    d.description(), ScopeView.of(d.scopes()), AccountFieldView.of(d.accountFields()),
                    ScopeView.of(d.reverseScopes()), HealthView.of(h), null, List.of());
        }

        static IntegrationView absent(KnownIntegration k, PluginCaller.Health h) {
            return new IntegrationView(k.id(), k.name(), k.vendor(), k.kind(), k.version(), "UNAVAILABLE", null, null,
                    null, null, HealthView.of(h), null, List.of());
        }

        /** The same integration with the partner behind it and its approved offers. */
        public IntegrationView listed(Listing listing) {
            return listing == null ? this
                    : new IntegrationView(id, name, vendor, kind, version, status, description, scopes, accountFields,
                            reverseScopes, health, listing.partner(), listing.offers());
        }
    }

    /**
     * What the partner behind an integration shows customers: its company profile and the offers
     * the platform admin approved that name the integration.
     */
    public record Listing(PartnerProfileView partner, List<OfferSummaryView> offers) {
    }

    /** A partner's public company profile. {@code logoUrl} is served by the host (anonymous). */
    public record PartnerProfileView(@Schema(required = true) String id, @Schema(required = true) String name,
            String website, String description, AddressView address, String logoUrl) {
    }

    /** A postal address; {@code countryCode} is ISO 3166 alpha-2. */
    public record AddressView(String street, String city, String postalCode, String region, String countryCode) {
    }

    /** A price: an amount in a currency (ISO 4217). */
    public record PriceView(@Schema(required = true) java.math.BigDecimal amount, @Schema(required = true) String currency) {
    }

    /** An approved offer as customers see it. */
    public record OfferSummaryView(@Schema(required = true) String id, @Schema(required = true) String kind,
            @Schema(required = true) String name, String description, String terms, PriceView price,
            List<String> countries, String assessmentCategory, Instant approvedAt) {
    }

    /** Who an integration was when it was last deployed. */
    public record KnownIntegration(String id, String name, String vendor, IntegrationKind kind, String version) {
        static KnownIntegration of(IntegrationDescriptor d) {
            return new KnownIntegration(d.id(), d.name(), d.vendor(), d.kind(), d.version());
        }
    }

    /**
     * How an integration's calls fare: {@code UP}, {@code DEGRADED} (recent failures) or {@code DOWN}
     * (circuit open: calls paused until {@code retryAfter}); {@code failures} counts faults (throws,
     * time-outs), {@code retryLater} the vendor's own "try later" answers (which pause calls when
     * they pile up, but are no fault), {@code anomalies} answers that broke the SPI's contract
     * without failing (the last one is {@code lastFailure}). A fault keeps a working integration
     * {@code DEGRADED} for twice the breaker's pause (at least a minute), then it is {@code UP} again.
     */
    public record HealthView(String status, String circuit, float failureRatePercent, int recentCalls,
            int recentFailures, int runningCalls, long calls, long failures, long retryLater, long anomalies,
            String lastFailure, Instant lastFailureAt, Instant retryAfter) {
        static HealthView of(PluginCaller.Health h) {
            return new HealthView(h.status(), h.circuit(), h.failureRatePercent(), h.recentCalls(), h.recentFailures(),
                    h.runningCalls(), h.calls(), h.failures(), h.retryLater(), h.anomalies(), h.lastFailure(),
                    h.lastFailureAt(), h.retryAfter());
        }
    }

    /** An integration as the platform admin sees it in the console. */
    public record IntegrationAdminView(String id, String name, IntegrationKind kind, String vendor, String version,
            String bundle, Long bundleId, String state, boolean active, long connections, List<String> problems,
            HealthView health) {
    }

    /** One step in a connection's history. */
    public record ConnectionEventView(Instant at, ConnectionState from, ConnectionState to, String detail,
            String description) {
    }

    /**
     * A connection as its company sees it. Secret partner-account values are never included.
     *
     * @param status         the state now; UNAVAILABLE while the plugin is absent
     * @param resumeStatus   while UNAVAILABLE, the state it returns to when the plugin is back
     * @param account        the non-secret partner-account values; secret ones only by name, masked
     */
    public record ConnectionView(@Schema(required = true) String id, @Schema(required = true) String integrationId, String integrationName, IntegrationKind kind,
            @Schema(required = true) ConnectionState status, ConnectionState resumeStatus, String statusDetail, String statusDescription,
            List<ScopeView> requestedScopes, List<String> grantedScopes, List<ScopeView> reverseScopes,
            List<String> grantedReverseScopes, List<AccountFieldView> accountFields, Map<String, String> account,
            Instant createdAt, Instant updatedAt, Instant activatedAt, Instant disconnectedAt,
            List<ConnectionEventView> history) {
    }

    /** A connection as the platform admin sees it in the console. */
    public record ConnectionAdminView(String id, String companyId, String integrationId, ConnectionState status,
            ConnectionState storedStatus, String statusDetail, Instant updatedAt) {
    }
}
