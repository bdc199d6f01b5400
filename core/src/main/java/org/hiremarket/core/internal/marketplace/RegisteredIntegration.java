package org.hiremarket.core.internal.marketplace;

import java.util.List;

import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;

/**
 * An integration service the registry has seen, with what it declared and where it comes from.
 *
 * @param descriptor the descriptor read once when the service appeared (null if reading it failed)
 * @param service    the plugin's service object
 * @param serviceId  the OSGi service id
 * @param bundle     {@code symbolicName/version} of the providing bundle
 * @param bundleId   the OSGi bundle id
 * @param problems   why the host refuses it; empty when it is usable
 */
public record RegisteredIntegration(String id, IntegrationDescriptor descriptor, Integration service, long serviceId,
        String bundle, long bundleId, List<String> problems) {

    public boolean usable() {
        return problems.isEmpty();
    }
}
