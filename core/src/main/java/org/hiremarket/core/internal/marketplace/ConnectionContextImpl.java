package org.hiremarket.core.internal.marketplace;

import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.HostFacade;
import org.hiremarket.api.integration.PartnerAccount;

/** The context handed to a plugin call. */
record ConnectionContextImpl(String connectionId, String companyId, PartnerAccount account, HostFacade host)
        implements ConnectionContext {

    @Override
    public String toString() {
        return "Connection[" + connectionId + "]";
    }
}
