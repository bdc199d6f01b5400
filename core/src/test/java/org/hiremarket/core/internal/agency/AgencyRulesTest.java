package org.hiremarket.core.internal.agency;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.agency.AgencyViews.TermsIn;
import org.hiremarket.core.internal.candidate.ApplicationStatus;
import org.hiremarket.core.internal.common.FieldError;
import org.junit.Test;

/** The rules the agency service is made of, without a database: payment terms, revenue, statuses. */
public class AgencyRulesTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static PaymentTerms percentage(String percentage, String salary) {
        return new PaymentTerms(PaymentTerms.Type.PERCENTAGE, d(percentage), d(salary), null, "EUR");
    }

    private static PaymentTerms fee(String fee) {
        return new PaymentTerms(PaymentTerms.Type.FIXED_FEE, null, null, d(fee), "EUR");
    }

    @Test
    public void revenueIsThePercentageOfTheSalaryOrTheFeeToTheCentRoundedHalfUp() {
        assertEquals(d("4166.67"), percentage("12.5", "33333.33").revenue()); // 4166.66625
        assertEquals(d("12000.00"), percentage("20", "60000").revenue());
        assertEquals("half up, not half even", d("0.03"), percentage("50", "0.05").revenue()); // 0.025
        assertEquals(d("0.01"), percentage("0.01", "50").revenue()); // 0.005
        assertEquals(d("60000.00"), percentage("100", "60000").revenue());
        assertEquals(d("5000.00"), fee("5000").revenue());
        assertEquals(d("10.01"), fee("10.005").revenue());
        assertEquals(d("7.50"), fee("7.5").revenue());
        assertEquals(2, fee("5000").revenue().scale());
    }

    @Test
    public void completedAndCancelledAreFinalAndOnlyANewAssignmentStartsWithASubmission() {
        assertFalse(AssignmentStatus.NEW.isFinal());
        assertFalse(AssignmentStatus.IN_PROGRESS.isFinal());
        assertTrue(AssignmentStatus.COMPLETED.isFinal());
        assertTrue(AssignmentStatus.CANCELLED.isFinal());
        assertEquals(AssignmentStatus.IN_PROGRESS, AssignmentStatus.NEW.afterSubmission());
        assertEquals(AssignmentStatus.IN_PROGRESS, AssignmentStatus.IN_PROGRESS.afterSubmission());
        assertEquals(AssignmentStatus.COMPLETED, AssignmentStatus.COMPLETED.afterSubmission());
        assertEquals(AssignmentStatus.CANCELLED, AssignmentStatus.CANCELLED.afterSubmission());
    }

    @Test
    public void thePortalShowsActiveHiredRejectedOrWithdrawn() {
        for (ApplicationStatus s : ApplicationStatus.values()) {
            String expected = switch (s) {
                case NEW, IN_REVIEW, INTERVIEW, OFFERED -> "Active";
                case HIRED -> "Hired";
                case REJECTED -> "Rejected";
                case WITHDRAWN -> "Withdrawn";
            };
            assertEquals(s.name(), expected, AgencyService.portalStatus(s));
        }
        assertEquals("Active", AgencyService.portalStatus(ApplicationStatus.IN_REVIEW));
        assertEquals("Active", AgencyService.portalStatus(ApplicationStatus.INTERVIEW));
    }

    // ------------------------------------------------------------------------------ terms

    private static List<FieldError> errors(TermsIn in) {
        List<FieldError> errors = new ArrayList<>();
        AgencyService.terms(errors, in);
        return errors;
    }

    private static String describe(TermsIn in) {
        return String.join("; ", errors(in).stream().map(e -> e.field() + " " + e.message()).toList());
    }

    private static TermsIn p(String percentage, String salary, String fee, String currency) {
        return new TermsIn("PERCENTAGE", percentage == null ? null : d(percentage), salary == null ? null : d(salary),
                fee == null ? null : d(fee), currency);
    }

    private static TermsIn f(String percentage, String salary, String fee, String currency) {
        return new TermsIn("FIXED_FEE", percentage == null ? null : d(percentage), salary == null ? null : d(salary),
                fee == null ? null : d(fee), currency);
    }

    @Test
    public void validTermsAreReturnedWithTheTypeAndCurrencyNormalised() {
        List<FieldError> errors = new ArrayList<>();
        PaymentTerms t = AgencyService.terms(errors, new TermsIn(" percentage ", d("12.50"), d("33333.33"), null, " eur "));
        assertEquals(List.of(), errors);
        assertEquals(new PaymentTerms(PaymentTerms.Type.PERCENTAGE, d("12.50"), d("33333.33"), null, "EUR"), t);
        PaymentTerms fixed = AgencyService.terms(errors, new TermsIn("fixed_fee", null, null, d("5000"), "usd"));
        assertEquals(List.of(), errors);
        assertEquals(new PaymentTerms(PaymentTerms.Type.FIXED_FEE, null, null, d("5000"), "USD"), fixed);
        assertEquals("", describe(p("100", "999999999999", null, "JPY")));
        assertEquals("", describe(p("0.01", "0.01", null, "CHF")));
        assertEquals("", describe(f(null, null, "999999999999.00", "GBP")));
        assertEquals("trailing zeros are not decimals", "", describe(p("12.5000", "1E+3", null, "EUR")));
    }

    @Test
    public void missingTermsAreOneError() {
        List<FieldError> errors = new ArrayList<>();
        assertNull(AgencyService.terms(errors, null));
        assertEquals(1, errors.size());
        assertEquals("terms", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("is required: {type: PERCENTAGE"));
    }

    @Test
    public void typeAndCurrencyAreRequiredAndChecked() {
        List<FieldError> errors = new ArrayList<>();
        assertNull("no terms without a type", AgencyService.terms(errors, new TermsIn(null, d("10"), d("100"), null, null)));
        assertEquals("terms.type is required: PERCENTAGE or FIXED_FEE; terms.currency is required (ISO 4217, such as EUR)",
                describe(new TermsIn(null, d("10"), d("100"), null, null)));
        assertEquals("terms.type is required: PERCENTAGE or FIXED_FEE; terms.currency is required (ISO 4217, such as EUR)",
                describe(new TermsIn("  ", null, null, null, " ")));
        assertNull(AgencyService.terms(new ArrayList<>(), new TermsIn("HOURLY", null, null, null, "EUR")));
        assertEquals("terms.type must be PERCENTAGE or FIXED_FEE",
                describe(new TermsIn("HOURLY", null, null, d("1"), "EUR")));
        assertEquals("terms.currency is not an ISO 4217 currency code: EURO", describe(f(null, null, "1", "euro")));
        assertEquals("terms.currency is not an ISO 4217 currency code: XQQ", describe(f(null, null, "1", "xqq")));
        assertEquals("terms.currency is not an ISO 4217 currency code: E", describe(f(null, null, "1", "E")));
    }

    @Test
    public void aPercentageIsMoreThanZeroAndAtMostAHundredOfAPositiveSalaryWithoutAFee() {
        String range100 = "must be more than 0 and at most 100, with at most 2 decimals";
        String rangeBig = "must be more than 0 and at most 999999999999, with at most 2 decimals";
        assertEquals("terms.percentage is required; terms.firstYearSalary is required", describe(p(null, null, null, "EUR")));
        assertEquals("terms.percentage " + range100, describe(p("0", "100", null, "EUR")));
        assertEquals("terms.percentage " + range100, describe(p("-5", "100", null, "EUR")));
        assertEquals("terms.percentage " + range100, describe(p("100.01", "100", null, "EUR")));
        assertEquals("terms.percentage " + range100, describe(p("12.345", "100", null, "EUR")));
        assertEquals("terms.firstYearSalary " + rangeBig, describe(p("10", "0", null, "EUR")));
        assertEquals("terms.firstYearSalary " + rangeBig, describe(p("10", "1000000000000", null, "EUR")));
        assertEquals("terms.firstYearSalary " + rangeBig, describe(p("10", "100.001", null, "EUR")));
        assertEquals("terms.fee is only for FIXED_FEE terms", describe(p("10", "100", "5", "EUR")));
        assertEquals("every error at once", "terms.currency is required (ISO 4217, such as EUR); terms.percentage "
                + range100 + "; terms.firstYearSalary is required; terms.fee is only for FIXED_FEE terms",
                describe(p("0", null, "5", null)));
    }

    @Test
    public void aFixedFeeIsPositiveWithoutAPercentageOrSalary() {
        String rangeBig = "must be more than 0 and at most 999999999999, with at most 2 decimals";
        assertEquals("terms.fee is required", describe(f(null, null, null, "EUR")));
        assertEquals("terms.fee " + rangeBig, describe(f(null, null, "0", "EUR")));
        assertEquals("terms.fee " + rangeBig, describe(f(null, null, "-1", "EUR")));
        assertEquals("terms.fee " + rangeBig, describe(f(null, null, "1000000000000", "EUR")));
        assertEquals("terms.fee " + rangeBig, describe(f(null, null, "10.001", "EUR")));
        assertEquals("terms.percentage is only for PERCENTAGE terms", describe(f("10", null, "5", "EUR")));
        assertEquals("terms.percentage is only for PERCENTAGE terms", describe(f("10", "100", "5", "EUR")));
        assertEquals("terms.firstYearSalary is only for PERCENTAGE terms", describe(f(null, "100", "5", "EUR")));
    }

    @Test
    public void theInvitationTextNamesTheCompanyTheStepsAndTheToken() {
        String text = AgencyService.invitationText("Acme <Corp>", "https://host.example", "hmi_abc");
        assertTrue(text, text.contains("Acme Corp invites your agency"));
        assertTrue(text, text.contains("POST https://host.example/api/v1/partner/auth/signup"));
        assertTrue(text, text.contains("PUT https://host.example/api/v1/partner/account/vendor-type"));
        assertTrue(text, text.contains("Accept this invitation within 14 days:\n  POST https://host.example"
                + "/api/v1/partner/agency/invitations/accept\n  {\"token\": \"hmi_abc\"}"));
        assertTrue(text, text.contains("\nInvitation token: hmi_abc\n"));
        assertTrue(text, text.contains("within 48 hours"));
    }
}
