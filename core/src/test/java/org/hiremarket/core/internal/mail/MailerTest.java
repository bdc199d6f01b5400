package org.hiremarket.core.internal.mail;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.mail.Message;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.hiremarket.core.internal.common.TestConfigs;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Mails as the README promises them: with {@code smtp.host} set they are sent by SMTP (here to a
 * local SMTP server, GreenMail), with the account's credentials when a user name is set; without it
 * each mail is one complete {@code .eml} file in the outbox; a server that cannot be reached is an
 * error the caller sees.
 */
public class MailerTest {

    private GreenMail smtp;
    private int port;

    @Before
    public void startSmtp() throws Exception {
        port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @After
    public void stopSmtp() {
        smtp.stop();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Mailer smtpMailer(Map<String, Object> more) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("smtp_host", "127.0.0.1", "smtp_port", port,
                "smtp_starttls", false, "from", "HireMarket <no-reply@hiremarket.test>"));
        values.putAll(more);
        return new Mailer(TestConfigs.config(MailConfig.class, values));
    }

    @Test
    public void withAnSmtpHostMailIsSentBySmtp() throws Exception {
        smtpMailer(Map.of()).send("ada@example.com", "Activate your account — HireMarket", "Activation token: hmo_x\n");
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = smtp.getReceivedMessages();
        assertEquals(1, received.length);
        MimeMessage m = received[0];
        assertEquals("Activate your account — HireMarket", m.getSubject());
        assertArrayEquals(new InternetAddress[] {new InternetAddress("ada@example.com")},
                m.getRecipients(Message.RecipientType.TO));
        assertEquals("no-reply@hiremarket.test", ((InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals("Activation token: hmo_x", GreenMailUtil.getBody(m).trim());
        assertTrue(m.getContentType(), m.getContentType().toLowerCase().contains("charset=utf-8"));
    }

    @Test
    public void withAUserNameTheAccountAuthenticates() throws Exception {
        smtp.setUser("mailer@hiremarket.test", "mailer", "s3cret-Passw0rd");
        smtpMailer(Map.of("smtp_username", "mailer", "smtp_password", "s3cret-Passw0rd")).send("bob@example.com",
                "Reset your password", "Reset token: hmo_y");
        assertTrue(smtp.waitForIncomingEmail(5_000, 1));
        assertEquals("Reset your password", smtp.getReceivedMessages()[0].getSubject());
        // a wrong password is refused by the server, and the caller learns it
        try {
            smtpMailer(Map.of("smtp_username", "mailer", "smtp_password", "wrong")).send("bob@example.com", "x", "y");
            fail("authentication failure must surface");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("the mail could not be built or sent"));
        }
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    public void anUnreachableServerIsAnErrorTheCallerSees() throws Exception {
        smtp.stop();
        try {
            smtpMailer(Map.of()).send("ada@example.com", "x", "y");
            fail("sending to a server that is not there must fail");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().startsWith("the mail could not be built or sent"));
        }
    }

    @Test
    public void withoutAnSmtpHostEachMailIsOneCompleteFileInTheOutbox() throws Exception {
        Path outbox = Files.createTempDirectory("hm-outbox-test").resolve("mail/outbox");
        Mailer mailer = new Mailer(TestConfigs.config(MailConfig.class, Map.of("outbox_dir", outbox.toString())));
        mailer.send("ada@example.com", "Activate your account", "Activation token: hmo_z");
        mailer.send("bob@example.com", "Reset your password", "Reset token: hmo_w");
        List<Path> files;
        try (Stream<Path> s = Files.list(outbox)) {
            files = s.sorted().toList();
        }
        assertEquals("two mails, no temporary files left: " + files, 2, files.size());
        assertTrue(files.stream().allMatch(f -> f.getFileName().toString().endsWith(".eml")
                && !f.getFileName().toString().startsWith(".")));
        java.util.Set<String> subjects = new java.util.HashSet<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                MimeMessage m = new MimeMessage(Session.getInstance(new java.util.Properties()), in);
                subjects.add(m.getSubject() + " -> " + ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0])
                        .getAddress());
            }
        }
        assertEquals(java.util.Set.of("Activate your account -> ada@example.com",
                "Reset your password -> bob@example.com"), subjects);
        assertEquals("nothing went to the SMTP server", 0, smtp.getReceivedMessages().length);
    }
}
