package org.hiremarket.core.internal.identity;

/**
 * A caller of the partner API: a vendor's account, signed in (a session) or calling from its own
 * services with a Marketplace API token. The partner realm's tenant is the partner account: every
 * partner service method scopes its queries to {@link #partnerId()}, never to an id of the request.
 * A partner caller is never a {@link Caller} (the customer realm) and the other way round.
 *
 * @param partnerId    the partner account
 * @param credentialId the session's or the token's record id
 * @param kind         how the partner authenticated
 */
public record PartnerCaller(String partnerId, String credentialId, Kind kind) {

    /** How a partner authenticated. */
    public enum Kind {
        /** {@code Authorization: Bearer} with a partner session ({@code hps_}). */
        SESSION,
        /** A Marketplace API token ({@code hmp_}) in {@code X-SmartToken} or {@code Authorization: Bearer}. */
        TOKEN
    }
}
