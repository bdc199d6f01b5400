package org.hiremarket.api.testkit;

import java.util.Map;
import java.util.Set;

import org.hiremarket.api.integration.CompanyProfile;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.PartnerAccount;
import org.hiremarket.api.integration.ScopeNotGrantedException;
import org.hiremarket.api.integration.StandardScopes;

/**
 * Stand-ins for what the host hands a connector, for connector unit tests. Ships in the
 * {@code hiremarket-api} test-jar ({@code <type>test-jar</type>}, test scope).
 */
public final class TestConnections {

    private TestConnections() {
    }

    /** A connection of company {@code c-test} ("Test Company") with these account values and scopes. */
    public static ConnectionContext context(Map<String, String> account, Set<String> grantedScopes) {
        PartnerAccount partner = new PartnerAccount(account);
        HostFacade host = new HostFacade() {
            @Override
            public Set<String> grantedScopes() {
                return Set.copyOf(grantedScopes);
            }

            @Override
            public CompanyProfile companyProfile() throws ScopeNotGrantedException {
                requireScope(StandardScopes.COMPANY_READ);
                return new CompanyProfile("c-test", "Test Company");
            }
        };
        return new ConnectionContext() {
            @Override
            public String connectionId() {
                return "conn-test";
            }

            @Override
            public String companyId() {
                return "c-test";
            }

            @Override
            public PartnerAccount account() {
                return partner;
            }

            @Override
            public HostFacade host() {
                return host;
            }
        };
    }

    /** A connection with every standard scope granted. */
    public static ConnectionContext context(Map<String, String> account) {
        return context(account, StandardScopes.all().keySet());
    }
}
