package org.hiremarket.core.internal.agency;

import static org.hiremarket.core.internal.agency.AgencyFixture.assign;
import static org.hiremarket.core.internal.agency.AgencyFixture.email;
import static org.hiremarket.core.internal.agency.AgencyFixture.fee;
import static org.hiremarket.core.internal.agency.AgencyFixture.person;
import static org.hiremarket.core.internal.agency.AgencyFixture.unique;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.agency.AgencyViews.AgencyAssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentView;
import org.hiremarket.core.internal.agency.AgencyViews.DashboardView;
import org.hiremarket.core.internal.agency.AgencyViews.Money;
import org.hiremarket.core.internal.agency.AgencyViews.MonthRevenue;
import org.hiremarket.core.internal.agency.AgencyViews.SubmissionIn;
import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.PartnerCaller;
import org.junit.Before;
import org.junit.Test;

/** The agency's dashboard: customers, orders, its average review, this month's revenue and the last 12 months'. */
public class AgencyDashboardTest {

    private static final YearMonth MARCH_2031 = YearMonth.of(2031, 3);

    private AgencyFixture f;
    private Caller acme;
    private Caller globex;
    private PartnerCaller agency;

    @Before
    public void open() {
        f = new AgencyFixture(getClass());
        acme = f.company("Acme");
        globex = f.company("Globex");
        agency = f.linkedRecruiter(acme, unique("Dashboard agency"));
        f.link(globex, agency);
    }

    /** An assignment of the company whose candidate (rated so by the recruiter) was hired at {@code hiredAt}. */
    private String hired(Caller company, TermsIn terms, Integer rating, String hiredAt) {
        AssignmentView a = f.agencies.assign(company, f.job(company, "Job"), assign(agency, terms));
        String submission = f.agencies.submit(agency, a.id(), new SubmissionIn(person("Ada", "Lovelace", email("ada")),
                rating, null, null)).person().submissionId();
        String app = f.agencies.get(company, a.id()).submissions().stream().filter(s -> s.id().equals(submission))
                .findFirst().orElseThrow().applicationId();
        f.applications.changeStatus(company, app, "OFFERED", null);
        f.applications.changeStatus(company, app, "HIRED", null);
        f.sql("UPDATE HM_ASSIGNMENT SET ENDEDAT = " + Instant.parse(hiredAt).toEpochMilli() + " WHERE ID = '" + a.id()
                + "'");
        return a.id();
    }

    private static List<Money> money(Object... currencyAmount) {
        List<Money> out = new ArrayList<>();
        for (int i = 0; i < currencyAmount.length; i += 2) {
            out.add(new Money((String) currencyAmount[i], new BigDecimal((String) currencyAmount[i + 1])));
        }
        return out;
    }

    @Test
    public void aNewAgencyHasNothingYetAndTwelveEmptyMonthsEndingWithThisOne() {
        PartnerCaller fresh = f.recruiter(unique("Fresh"));
        DashboardView d = f.agencies.dashboard(fresh, MARCH_2031);
        assertEquals(0, d.customers());
        assertEquals(0, d.orders());
        assertNull(d.averageReview());
        assertEquals(List.of(), d.revenueThisMonth());
        assertEquals(12, d.revenueByMonth().size());
        assertEquals("2030-04", d.revenueByMonth().get(0).month());
        assertEquals("2031-03", d.revenueByMonth().get(11).month());
        for (MonthRevenue m : d.revenueByMonth()) {
            assertEquals(List.of(), m.revenue());
        }
        DashboardView now = f.agencies.dashboard(fresh);
        assertEquals(YearMonth.now(ZoneOffset.UTC).toString(), now.revenueByMonth().get(11).month());
        assertEquals(YearMonth.now(ZoneOffset.UTC).minusMonths(11).toString(), now.revenueByMonth().get(0).month());
    }

    @Test
    public void theFiguresCountCustomersOrdersReviewsAndHiresByMonthAndCurrency() {
        hired(acme, fee("1000", "EUR"), 4, "2031-03-15T12:00:00Z");
        hired(acme, fee("500.50", "EUR"), 5, "2031-03-01T00:00:00Z");
        hired(globex, fee("200", "USD"), 5, "2031-03-31T23:59:59Z");
        hired(acme, fee("300", "EUR"), null, "2030-04-01T00:00:00Z");
        hired(acme, fee("25", "EUR"), null, "2030-04-30T23:59:59Z");
        hired(globex, fee("40", "CHF"), null, "2030-09-10T08:00:00Z");
        hired(acme, fee("999", "EUR"), null, "2030-03-31T23:59:59Z"); // 12 months before: not in the last 12
        hired(acme, fee("777", "EUR"), null, "2031-04-01T00:00:00Z"); // after this month
        // an assignment still open and one cancelled count as orders, not as revenue
        f.agencies.assign(globex, f.job(globex, "Open"), assign(agency, fee("1", "EUR")));
        AssignmentView cancelled = f.agencies.assign(acme, f.job(acme, "Cancelled"), assign(agency, fee("1", "EUR")));
        f.agencies.cancel(acme, cancelled.id());
        f.sql("UPDATE HM_ASSIGNMENT SET REVENUE = 1.00, ENDEDAT = " + Instant.parse("2031-03-02T00:00:00Z").toEpochMilli()
                + " WHERE ID = '" + cancelled.id() + "'");
        // another agency's work is not on this dashboard
        PartnerCaller other = f.linkedRecruiter(acme, unique("Other"));
        AssignmentView theirs = f.agencies.assign(acme, f.job(acme, "Theirs"), assign(other, fee("1", "EUR")));
        f.agencies.submit(other, theirs.id(), new SubmissionIn(person("O", "Ther", email("o")), 1, null, null));

        DashboardView d = f.agencies.dashboard(agency, MARCH_2031);
        assertEquals(2, d.customers());
        assertEquals(10, d.orders());
        assertEquals("(4 + 5 + 5) / 3, rounded to 2 decimals", 4.67, d.averageReview(), 0.0);
        assertEquals(money("EUR", "1500.50", "USD", "200.00"), d.revenueThisMonth());
        List<MonthRevenue> months = d.revenueByMonth();
        assertEquals(12, months.size());
        assertEquals(new MonthRevenue("2030-04", money("EUR", "325.00")), months.get(0));
        assertEquals(new MonthRevenue("2030-09", money("CHF", "40.00")), months.get(5));
        assertEquals(new MonthRevenue("2031-03", money("EUR", "1500.50", "USD", "200.00")), months.get(11));
        for (int i : new int[] { 1, 2, 3, 4, 6, 7, 8, 9, 10 }) {
            assertEquals(months.get(i).month(), List.of(), months.get(i).revenue());
        }
        assertEquals(List.of("2030-04", "2030-05", "2030-06", "2030-07", "2030-08", "2030-09", "2030-10", "2030-11",
                "2030-12", "2031-01", "2031-02", "2031-03"), months.stream().map(MonthRevenue::month).toList());

        DashboardView april = f.agencies.dashboard(agency, YearMonth.of(2031, 4));
        assertEquals(money("EUR", "777.00"), april.revenueThisMonth());
        assertEquals("2030-05", april.revenueByMonth().get(0).month());
        assertEquals(List.of(), april.revenueByMonth().get(0).revenue());

        DashboardView otherView = f.agencies.dashboard(other, MARCH_2031);
        assertEquals(1, otherView.customers());
        assertEquals(1, otherView.orders());
        assertEquals(1.0, otherView.averageReview(), 0.0);
        AgencyAssignmentView mine = f.agencies.assignment(agency, cancelled.id());
        assertEquals(AssignmentStatus.CANCELLED, mine.status());
    }

    @Test
    public void theAverageReviewIsRoundedToTwoDecimals() {
        PartnerCaller rater = f.linkedRecruiter(acme, unique("Rater"));
        AssignmentView a = f.agencies.assign(acme, f.job(acme, "Job"), assign(rater, fee("1", "EUR")));
        for (int rating : new int[] { 1, 1, 2 }) {
            f.agencies.submit(rater, a.id(), new SubmissionIn(person("P", "Q", email("p")), rating, null, null));
        }
        assertEquals(1.33, f.agencies.dashboard(rater, MARCH_2031).averageReview(), 0.0);
        f.agencies.submit(rater, a.id(), new SubmissionIn(person("P", "Q", email("p")), 5, null, null));
        assertEquals("(1 + 1 + 2 + 5) / 4", 2.25, f.agencies.dashboard(rater, MARCH_2031).averageReview(), 0.0);
        f.agencies.submit(rater, a.id(), new SubmissionIn(person("P", "Q", email("p")), 2, null, null));
        assertEquals("(1 + 1 + 2 + 5 + 2) / 5", 2.2, f.agencies.dashboard(rater, MARCH_2031).averageReview(), 0.0);
        f.agencies.submit(rater, a.id(), new SubmissionIn(person("P", "Q", email("p")), 2, null, null));
        assertEquals("13 / 6 = 2.1666", 2.17, f.agencies.dashboard(rater, MARCH_2031).averageReview(), 0.0);
    }
}
