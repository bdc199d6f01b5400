package org.hiremarket.core.internal.company;

/**
 * Who is calling, as established by authentication. Every service method that reads or writes
 * company data takes it and scopes its queries to {@link #companyId()}; nothing from the request
 * body or path decides whose data it is.
 *
 * @param companyId    the caller's company
 * @param credentialId the id of the credential that authenticated the call
 */
public record Caller(String companyId, String credentialId) {
}
