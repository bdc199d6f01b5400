package org.hiremarket.core.internal.candidate;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Storage quotas (PID {@code org.hiremarket.storage}, file {@code etc/org.hiremarket.storage.cfg}). */
@ObjectClassDefinition(name = "HireMarket storage quotas",
        description = "Bounds on what a company may store, so that one company cannot fill the disk (and so stop the"
                + " database for everyone)")
public @interface StorageConfig {

    String PID = "org.hiremarket.storage";

    @AttributeDefinition(description = "Attachments a candidate may have; one more is refused with 409 quota-exceeded."
            + " 0 or less: no limit.")
    int attachments_per_candidate() default 20;

    @AttributeDefinition(description = "Megabytes (MiB) of attachments a company may store in all; an attachment that"
            + " would go beyond is refused with 409 quota-exceeded. 0 or less: no limit.")
    int storage_per_company_mb() default 1024;
}
