package org.hiremarket.core.internal.mail;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hiremarket.mail} ({@code etc/org.hiremarket.mail.cfg}). */
@ObjectClassDefinition(name = "HireMarket mail", description = "Outgoing email: .eml outbox, or SMTP")
public @interface MailConfig {

    String PID = "org.hiremarket.mail";

    @AttributeDefinition(description = "Sender address")
    String from() default "HireMarket <no-reply@hiremarket.localhost>";

    @AttributeDefinition(description = "Folder outgoing mail is written to as .eml files when no SMTP host is set")
    String outbox_dir() default "${karaf.data}/mail/outbox";

    @AttributeDefinition(description = "SMTP host; empty writes mail to the outbox folder instead")
    String smtp_host() default "";

    @AttributeDefinition(description = "SMTP port")
    int smtp_port() default 587;

    @AttributeDefinition(description = "SMTP user name; empty for no authentication")
    String smtp_username() default "";

    @AttributeDefinition(description = "SMTP password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String smtp_password() default "";

    @AttributeDefinition(description = "Require STARTTLS")
    boolean smtp_starttls() default true;

    @AttributeDefinition(description = "Base address shown in links in mails; empty: http://<HTTP listening address>:<HTTP port>"
            + " as set in etc/org.ops4j.pax.web.cfg")
    String public_url() default "";
}
