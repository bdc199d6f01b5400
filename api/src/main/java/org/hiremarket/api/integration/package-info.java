/**
 * HireMarket integration SPI, version 1.
 *
 * <p>A connector bundle registers one {@link org.hiremarket.api.integration.Integration} service
 * (Declarative Services). The host tracks these services dynamically, so installing, starting,
 * stopping, updating or uninstalling the bundle takes effect without a restart. The capability
 * of a connector's kind is a sub-interface in a package of its own
 * ({@code org.hiremarket.api.assessment}, {@code org.hiremarket.api.jobboard},
 * {@code org.hiremarket.api.agency}).
 *
 * <p>Types marked {@code @ConsumerType} are implemented by vendors; types marked
 * {@code @ProviderType} are implemented by the host and handed to plugins. Consumer types only
 * grow through {@code default} methods, so a plugin built against 1.x keeps resolving on any 1.y
 * host.
 */
@Export
@Version("1.1.0")
package org.hiremarket.api.integration;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
