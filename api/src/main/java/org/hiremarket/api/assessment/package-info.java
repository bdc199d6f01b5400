/**
 * Capability of assessment vendors: the packages they sell, the orders customers place, and the
 * results vendors report back.
 *
 * <p>2.0: {@code placeOrder} receives the {@link org.hiremarket.api.assessment.AssessmentCallback}
 * through which results come back; vendors may be polled for status; orders may be cancelled.
 */
@Export
@Version("2.0.0")
package org.hiremarket.api.assessment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
