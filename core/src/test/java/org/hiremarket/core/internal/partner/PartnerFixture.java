package org.hiremarket.core.internal.partner;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.mail.MailConfig;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceConfig;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.hiremarket.core.internal.partner.PartnerViews.AddressIn;
import org.hiremarket.core.internal.partner.PartnerViews.OfferIn;
import org.hiremarket.core.internal.partner.PartnerViews.ProfileIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;

/**
 * The partner services on an in-memory database, one per test class for the JVM (see
 * {@link InMemoryUnit#shared}), with a job board {@value #BOARD} deployed in the integration registry
 * and a mailer that records. Tests make their partners, emails and integration ids unique.
 */
final class PartnerFixture {

    /** A deployed job board integration. */
    static final String BOARD = "known-board";
    static final URI BASE = URI.create("https://host.example/api/v1/");

    /** A mail as the mailer was asked to send it. */
    record Mail(String to, String subject, String text) {
    }

    /** Records mails instead of writing them. */
    static class RecordingMailer extends Mailer {
        final List<Mail> sent = new CopyOnWriteArrayList<>();

        RecordingMailer() {
            super(TestConfigs.config(MailConfig.class, Map.of("public_url", "https://host.example")));
        }

        @Override
        public void send(String to, String subject, String text) {
            sent.add(new Mail(to, subject, text));
        }

        List<Mail> to(String address) {
            return sent.stream().filter(m -> m.to().equals(address)).toList();
        }
    }

    private static final Map<Class<?>, PartnerFixture> SHARED = new ConcurrentHashMap<>();

    final InMemoryUnit unit;
    final Database db;
    final IntegrationRegistry registry;
    final MarketplaceService marketplace;
    final RecordingMailer mailer = new RecordingMailer();
    final PartnerService partners;
    final OfferService offers;

    private PartnerFixture(Class<?> testClass) {
        unit = InMemoryUnit.shared(testClass);
        db = unit.database();
        try {
            registry = new IntegrationRegistry(TestConfigs.config(MarketplaceConfig.class, Map.of("secrets_key_file",
                    Files.createTempDirectory("hm-partner").resolve("secret.key").toString())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        marketplace = new MarketplaceService(db, registry);
        TestDescriptors.deploy(registry, new TestDescriptors.Board(TestDescriptors.jobBoard(BOARD)), 1,
                "org.example.board");
        partners = new PartnerService(db);
        offers = new OfferService(db, marketplace, mailer);
    }

    /** The fixture of a test class: made by its first test, kept for the JVM. */
    static PartnerFixture shared(Class<?> testClass) {
        PartnerFixture f = SHARED.computeIfAbsent(testClass, PartnerFixture::new);
        f.mailer.sent.clear();
        return f;
    }

    // ------------------------------------------------------------------------------ partners

    static String email() {
        return "p-" + UUID.randomUUID() + "@example.com";
    }

    static String integration() {
        return "int-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A verified partner without a vendor type, signed in. */
    PartnerCaller account() {
        return TestPartners.signedIn(TestPartners.verified(db, email(), "Acme " + UUID.randomUUID()));
    }

    /** A verified partner of that type (assessment: skills tests) whose company profile is saved, signed in. */
    PartnerCaller partner(VendorType type) {
        PartnerCaller p = account();
        partners.chooseVendorType(p, new VendorTypeIn(type.name(),
                type == VendorType.ASSESSMENT ? AssessmentCategory.SKILLS_TEST.name() : null), BASE);
        partners.saveProfile(p, profile("Acme Hiring"), BASE);
        return p;
    }

    static ProfileIn profile(String name) {
        return new ProfileIn(name, new AddressIn("1 Main St", "Berlin", "10115", "BE", "de"), "https://acme.example",
                "We run a job board.");
    }

    static OfferIn offer(String name, String integrationId) {
        return new OfferIn(null, name, "What it does", "10 EUR a month", null, null, List.of("de", "AT"), integrationId);
    }

    /** @return the id of an offer created, submitted and approved */
    String approved(PartnerCaller p, String name, String integrationId) {
        String id = offers.create(p, offer(name, integrationId)).id();
        offers.submit(p, id);
        offers.approve(id);
        return id;
    }

    // ------------------------------------------------------------------------------ images

    /** A transparent 300x120 PNG logo. */
    static byte[] logo(Color color) {
        BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillOval(20, 10, 260, 100);
        g.dispose();
        return png(image);
    }

    /** An opaque image of that size. */
    static byte[] opaque(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 10, height / 10, width * 8 / 10, height * 8 / 10);
        g.dispose();
        return png(image);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------ database

    List<String> rows(String query, Object... params) {
        try (Connection c = unit.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(i == 1 ? "" : "|").append(rs.getString(i));
                    }
                    out.add(b.toString());
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of the partner's data, as text, to compare before and after a refused call. */
    String snapshot(String partnerId) {
        return String.join("\n", rows("SELECT * FROM HM_PARTNER WHERE ID = ?", partnerId)) + "\n--\n"
                + String.join("\n", rows("SELECT * FROM HM_PARTNER_ACCOUNT WHERE ID = ?", partnerId)) + "\n--\n"
                + String.join("\n", rows("SELECT * FROM HM_OFFER WHERE PARTNERID = ? ORDER BY ID", partnerId)) + "\n--\n"
                + String.join("\n", rows("SELECT e.* FROM HM_OFFER_EVENT e, HM_OFFER o WHERE e.OFFERID = o.ID"
                        + " AND o.PARTNERID = ? ORDER BY e.ID", partnerId)) + "\n--\n"
                + String.join("\n", rows("SELECT ID, HASH, UPDATEDAT FROM HM_PARTNER_IMAGE WHERE ID LIKE ? ORDER BY ID",
                        partnerId + "%"));
    }

    void sql(String statement) {
        try {
            unit.sql(statement);
            unit.factory().getCache().evictAll();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
