/**
 * Capability of assessment vendors: the packages they sell and the orders customers place.
 */
@Export
@Version("1.0.0")
package org.hiremarket.api.assessment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
