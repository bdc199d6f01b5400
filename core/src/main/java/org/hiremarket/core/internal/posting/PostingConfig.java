package org.hiremarket.core.internal.posting;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.hiremarket.postings} ({@code etc/org.hiremarket.postings.cfg}).
 * How postings are delivered (retries, threads) is the mailbox's: {@code org.hiremarket.mailbox}.
 */
@ObjectClassDefinition(name = "HireMarket job-board postings", description = "How job ads run on job boards")
public @interface PostingConfig {

    String PID = "org.hiremarket.postings";

    @AttributeDefinition(name = "Lifetime (days)",
            description = "How long an ad stays on a board once live; then it is taken down and shown EXPIRED",
            min = "1", max = "365")
    int lifetime_days() default 30;

    @AttributeDefinition(name = "Apply URL",
            description = "Where candidates apply, sent to boards with each ad; {companyId} and {jobId} are filled in "
                    + "(e.g. https://careers.example.com/jobs/{jobId}); empty: boards take applications themselves")
    String apply_url() default "";
}
