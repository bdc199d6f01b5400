/**
 * Capability of job boards and multiposting tools: publishing and withdrawing job ads.
 */
@Export
@Version("1.1.0")
package org.hiremarket.api.jobboard;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
