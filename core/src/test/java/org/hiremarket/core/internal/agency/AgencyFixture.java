package org.hiremarket.core.internal.agency;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.core.internal.agency.AgencyViews.AssignIn;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.candidate.ApplicationService;
import org.hiremarket.core.internal.candidate.CandidateViews.CandidateIn;
import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.company.TestCompanies;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.hiremarket.core.internal.identity.TestPartners;
import org.hiremarket.core.internal.job.JobService;
import org.hiremarket.core.internal.job.JobViews.CreateJob;
import org.hiremarket.core.internal.job.JobViews.IdRef;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.hiremarket.core.internal.job.JobViews.Sections;
import org.hiremarket.core.internal.mail.MailConfig;
import org.hiremarket.core.internal.mail.Mailer;
import org.hiremarket.core.internal.partner.PartnerService;
import org.hiremarket.core.internal.partner.PartnerViews.AddressIn;
import org.hiremarket.core.internal.partner.PartnerViews.ProfileIn;
import org.hiremarket.core.internal.partner.PartnerViews.VendorTypeIn;
import org.hiremarket.core.internal.persistence.Database;
import org.hiremarket.core.internal.persistence.InMemoryUnit;

/**
 * The agency service outside OSGi on the in-memory database of the test class (see
 * {@link InMemoryUnit#shared}): the partner, job and application services it works with (the
 * application service tells it of status changes, as OSGi would), and a mailer that records.
 * The database is shared by the tests of a class: every company, email and agency is new.
 */
final class AgencyFixture {

    static final URI BASE = URI.create("https://host.example/api/v1/");
    static final Pattern TOKEN = Pattern.compile("Invitation token: (hmi_\\S+)");

    /** A mail as the mailer was asked to send it. */
    record Mail(String to, String subject, String text) {
    }

    /** Records mails instead of writing them. */
    static final class RecordingMailer extends Mailer {
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

    final InMemoryUnit unit;
    final Database db;
    final RecordingMailer mailer = new RecordingMailer();
    final PartnerService partners;
    final JobService jobs;
    final ApplicationService applications;
    final AgencyService agencies;

    AgencyFixture(Class<?> testClass) {
        unit = InMemoryUnit.shared(testClass);
        db = unit.database();
        partners = new PartnerService(db);
        jobs = new JobService(db);
        applications = new ApplicationService(db);
        agencies = new AgencyService(db, mailer);
        applications.watch(agencies);
    }

    static String unique(String s) {
        return s + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String email(String who) {
        return unique(who) + "@example.com";
    }

    /** An API-key caller of a new company with a unique name starting with {@code name}. */
    Caller company(String name) {
        return TestCompanies.create(db, unique(name));
    }

    /** A person signed in to the company (a user session). */
    static Caller user(Caller company, String userId) {
        return new Caller(company.companyId(), "session-" + userId, Caller.Kind.USER, company.scopes(), userId);
    }

    String companyName(Caller c) {
        return rows("SELECT NAME FROM HM_COMPANY WHERE ID = ?", c.companyId()).get(0);
    }

    // ------------------------------------------------------------------------------ agencies

    /** A verified partner account without a vendor type (no partner row), signed in. */
    PartnerCaller account(String companyName) {
        return TestPartners.signedIn(TestPartners.verified(db, email("recruiter"), companyName));
    }

    /** A verified recruiter whose company profile is saved, not activated yet. */
    PartnerCaller recruiterNotActivated(String companyName) {
        PartnerCaller p = account(companyName);
        partners.chooseVendorType(p, new VendorTypeIn("RECRUITER", null), BASE);
        partners.saveProfile(p, new ProfileIn(companyName, new AddressIn(null, "Hamburg", null, null, "DE"),
                "https://agency.example", "We find engineers."), BASE);
        return p;
    }

    /** A verified, activated recruiter with its company profile. */
    PartnerCaller recruiter(String companyName) {
        PartnerCaller p = recruiterNotActivated(companyName);
        partners.activateAgency(p.partnerId());
        return p;
    }

    /** An activated recruiter that accepted the company's invitation. */
    PartnerCaller linkedRecruiter(Caller company, String companyName) {
        PartnerCaller p = recruiter(companyName);
        link(company, p);
        return p;
    }

    /** The company invites the agency, which accepts. */
    void link(Caller company, PartnerCaller agency) {
        String address = email("invited");
        agencies.invite(company, address);
        agencies.accept(agency, token(address));
    }

    /** @return the token of the last invitation mailed to {@code address} */
    String token(String address) {
        List<Mail> mails = mailer.to(address);
        Matcher m = TOKEN.matcher(mails.get(mails.size() - 1).text());
        if (!m.find()) {
            throw new AssertionError("no token in " + mails);
        }
        return m.group(1);
    }

    /** The partner offers its recruiting service on the marketplace (an approved offer, as rows). */
    void onMarketplace(String partnerId, boolean approved) {
        sql("INSERT INTO HM_OFFER (ID, PARTNERID, KIND, STATUS, NAME, DESCRIPTION, COUNTRIES, INTEGRATIONID,"
                + " APPROVEDINTEGRATIONID, CREATEDAT, UPDATEDAT, VERSION) VALUES ('" + UUID.randomUUID() + "', '"
                + partnerId + "', 'RECRUITING', '" + (approved ? "APPROVED" : "PENDING_APPROVAL")
                + "', 'Recruiting', 'We recruit', 'DE', 'agency-x', " + (approved ? "'agency-x'" : "NULL") + ", 1, 1, 1)");
    }

    // ------------------------------------------------------------------------------ jobs and terms

    String job(Caller company, String title) {
        return jobs.create(company, new CreateJob(title, "REF-9", new LocationIn("DE", "Berlin", false),
                new IdRef("computer_software"), new IdRef("engineering"), new IdRef("mid_senior_level"), null, 1,
                new Sections("We are a company", "Build things", null, null))).id();
    }

    static TermsIn percent(String percentage, String salary, String currency) {
        return new TermsIn("PERCENTAGE", new BigDecimal(percentage), new BigDecimal(salary), null, currency);
    }

    static TermsIn fee(String fee, String currency) {
        return new TermsIn("FIXED_FEE", null, null, new BigDecimal(fee), currency);
    }

    static AssignIn assign(PartnerCaller agency, TermsIn terms) {
        return new AssignIn(agency.partnerId(), terms);
    }

    static CandidateIn person(String first, String last, String email) {
        return new CandidateIn(first, last, email, null,
                new org.hiremarket.core.internal.candidate.CandidateViews.LocationIn("DE", "Hamburg"), null, null);
    }

    static SubmissionIn submission(String first, String last, String email) {
        return new SubmissionIn(person(first, last, email), null, null, null);
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

    int count(String table, String where, Object... params) {
        return Integer.parseInt(rows("SELECT COUNT(*) FROM " + table + " WHERE " + where, params).get(0));
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
