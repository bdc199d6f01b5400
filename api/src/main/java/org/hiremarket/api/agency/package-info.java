/**
 * Capability of recruiting agencies: receiving and cancelling job assignments.
 */
@Export
@Version("1.0.0")
package org.hiremarket.api.agency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
