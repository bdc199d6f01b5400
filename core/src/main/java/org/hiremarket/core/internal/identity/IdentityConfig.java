package org.hiremarket.core.internal.identity;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hiremarket.identity} ({@code etc/org.hiremarket.identity.cfg}). */
@ObjectClassDefinition(name = "HireMarket identity", description = "Tokens, sessions and login protection")
public @interface IdentityConfig {

    String PID = "org.hiremarket.identity";

    @AttributeDefinition(description = "Lifetime of OAuth access tokens in seconds (at most 3600)", min = "1", max = "3600")
    int access_token_seconds() default 3600;

    @AttributeDefinition(description = "Lifetime of a person's session in seconds", min = "60")
    int session_seconds() default 1800;

    @AttributeDefinition(description = "Failed logins allowed per account before it is paused", min = "1")
    int login_failures_per_account() default 5;

    @AttributeDefinition(description = "Failed logins allowed per client address before it is paused", min = "1")
    int login_failures_per_address() default 20;

    @AttributeDefinition(description = "Window in which failed logins are counted, in seconds", min = "1")
    int login_failure_window_seconds() default 900;
}
