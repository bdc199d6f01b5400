package org.hiremarket.core.internal.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Date;
import java.util.Dictionary;
import java.util.Properties;
import java.util.UUID;

import javax.mail.Authenticator;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.PasswordAuthentication;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the product's mails (activation, password reset). By default each mail is written as an
 * RFC 5322 {@code .eml} file into the outbox folder ({@code data/mail/outbox/}); with
 * {@code smtp.host} set it is sent by SMTP. Messages are built by JavaMail.
 */
@Component(service = Mailer.class, configurationPid = MailConfig.PID)
@Designate(ocd = MailConfig.class)
public class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final MailConfig config;
    private final Path outbox;
    private final Session session;

    /** Where Pax Web's settings are read from when {@code public.url} is empty; {@code null} outside OSGi. */
    private final ConfigurationAdmin configurations;

    public Mailer(MailConfig config) {
        this(config, null);
    }

    @Activate
    public Mailer(MailConfig config,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin configurations) {
        this.config = config;
        this.configurations = configurations;
        this.outbox = Path.of(config.outbox_dir().replace("${karaf.data}", System.getProperty("karaf.data", "data")));
        Properties p = new Properties();
        if (!config.smtp_host().isBlank()) {
            p.put("mail.smtp.host", config.smtp_host());
            p.put("mail.smtp.port", String.valueOf(config.smtp_port()));
            p.put("mail.smtp.starttls.enable", String.valueOf(config.smtp_starttls()));
            p.put("mail.smtp.starttls.required", String.valueOf(config.smtp_starttls()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "10000");
            p.put("mail.smtp.auth", String.valueOf(!config.smtp_username().isBlank()));
        }
        this.session = Session.getInstance(p, config.smtp_username().isBlank() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.smtp_username(), config.smtp_password());
            }
        });
    }

    /** @return the base address for links in mails */
    public String publicUrl() {
        if (!config.public_url().isBlank()) {
            return config.public_url().trim().replaceAll("/+$", "");
        }
        Dictionary<String, Object> web = null;
        if (configurations != null) {
            try {
                Configuration[] found = configurations.listConfigurations("(service.pid=" + PAX_WEB_PID + ")");
                web = found == null || found.length == 0 ? null : found[0].getProperties();
            } catch (IOException | InvalidSyntaxException e) {
                LOG.debug("Pax Web's settings could not be read: {}", e.toString());
            }
        }
        return derivedUrl(web);
    }

    static final String PAX_WEB_PID = "org.ops4j.pax.web";

    /**
     * @return {@code http://<first listening address>:<HTTP port>} of Pax Web's settings, so that links
     *         in mails follow the HTTP port when only it is changed; a wildcard address becomes 127.0.0.1
     */
    static String derivedUrl(Dictionary<String, Object> web) {
        String port = web == null ? null : text(web.get("org.osgi.service.http.port"));
        String addresses = web == null ? null : text(web.get("org.ops4j.pax.web.listening.addresses"));
        String host = addresses == null ? "" : addresses.split(",")[0].trim();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "127.0.0.1";
        } else if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + (port == null || port.isBlank() ? "8181" : port.trim());
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Sends (or writes to the outbox) a plain-text mail. */
    public void send(String to, String subject, String text) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // JavaMail finds its content handlers through the context class loader
        Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(config.from()));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(new Date());
            m.setText(text, "UTF-8");
            m.saveChanges();
            if (config.smtp_host().isBlank()) {
                writeToOutbox(m);
            } else {
                Transport.send(m);
                LOG.info("Mail '{}' sent by SMTP", subject);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the mail could not be built or sent: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private void writeToOutbox(MimeMessage m) {
        try {
            Files.createDirectories(outbox);
            String name = Instant.now().toString().replace(':', '-') + "-" + UUID.randomUUID() + ".eml";
            Path tmp = outbox.resolve("." + name + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                m.writeTo(out);
            }
            // a reader of the outbox never sees half a mail
            Files.move(tmp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Mail written to {}", outbox.resolve(name));
        } catch (IOException | MessagingException e) {
            throw new UncheckedIOException(new IOException("cannot write to the mail outbox " + outbox, e));
        }
    }
}
