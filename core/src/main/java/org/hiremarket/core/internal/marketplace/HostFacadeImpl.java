package org.hiremarket.core.internal.marketplace;

import java.util.Set;
import java.util.function.Supplier;

import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;

/** The facade one connection's plugin calls receive; every read checks the granted scopes. */
final class HostFacadeImpl implements HostFacade {

    private final Set<String> granted;
    private final Supplier<CompanyProfile> company;

    HostFacadeImpl(Set<String> granted, Supplier<CompanyProfile> company) {
        this.granted = Set.copyOf(granted);
        this.company = company;
    }

    @Override
    public Set<String> grantedScopes() {
        return granted;
    }

    @Override
    public CompanyProfile companyProfile() throws ScopeNotGrantedException {
        requireScope(StandardScopes.COMPANY_READ);
        return company.get();
    }
}
