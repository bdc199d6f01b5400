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

    /**
     * Much higher than the per-account limit: many people may sign in from behind one address (a
     * company NAT or proxy), and one mistyping person must not lock them all out.
     */
    @AttributeDefinition(description = "Failed logins allowed per client address before it is paused; keep it far above"
            + " the per-account limit, as many people may share one address (NAT)", min = "1")
    int login_failures_per_address() default 100;

    @AttributeDefinition(description = "Window in which failed logins are counted, in seconds", min = "1")
    int login_failure_window_seconds() default 900;

    @AttributeDefinition(description = "Password reset mails sent at most per email address in the mail window; further"
            + " requests for that address get the same answer and send nothing", min = "1")
    int password_reset_mails_per_email() default 3;

    @AttributeDefinition(description = "The window of password.reset.mails.per.email, in seconds", min = "1")
    int password_reset_mail_window_seconds() default 900;

    @AttributeDefinition(description = "Password reset requests accepted per client address in the address window;"
            + " further requests are answered 429 with Retry-After", min = "1")
    int password_reset_requests_per_address() default 10;

    @AttributeDefinition(description = "The window of password.reset.requests.per.address, in seconds", min = "1")
    int password_reset_address_window_seconds() default 60;

    @AttributeDefinition(description = "Password resets waiting to be processed off the request thread; when full,"
            + " further requests are answered the same and dropped (logged)", min = "1")
    int password_reset_queue_size() default 100;
}
