package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentResult.ResultAttachment;
import org.junit.Test;

/** What the host accepts of a vendor's result. */
public class ResultCheckTest {

    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");

    private static AssessmentResult result(Double score, String reportUrl, Map<String, String> details,
            List<ResultAttachment> attachments) {
        return new AssessmentResult(score, score == null ? null : score >= 60, "Good", "Fine work", reportUrl, details,
                attachments, AT);
    }

    private static void refused(AssessmentResult r, String expected) {
        try {
            OrderLedger.check(r);
            fail("expected a refusal mentioning " + expected);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    @Test
    public void aPlainResultIsStoredWithItsDetailsInOrder() {
        Map<String, String> details = new java.util.LinkedHashMap<>();
        details.put("Numerical", "70/100");
        details.put("Verbal", "80/100");
        OrderLedger.CheckedResult c = OrderLedger.check(result(75.0, "https://r.example/1", details,
                List.of(new ResultAttachment("report.pdf", "application/pdf", "https://r.example/1.pdf"))));
        assertEquals(75.0, c.score(), 0);
        assertEquals("https://r.example/1", c.reportUrl());
        assertEquals(List.of("Numerical", "Verbal"), List.copyOf(OrderLedger.details(c.detailsJson()).keySet()));
        assertEquals("report.pdf", OrderLedger.attachments(c.attachmentsJson()).get(0).name());
    }

    @Test
    public void scoresOutsideZeroToHundredAreRefused() {
        refused(result(101.0, null, null, null), "between 0 and 100");
        refused(result(-1.0, null, null, null), "between 0 and 100");
        refused(result(Double.NaN, null, null, null), "between 0 and 100");
        assertNull(OrderLedger.check(result(null, null, null, null)).score());
    }

    @Test
    public void onlyHttpLinksAreAccepted() {
        refused(result(50.0, "javascript:alert(1)", null, null), "reportUrl");
        refused(result(50.0, null, null, List.of(new ResultAttachment("x", null, "file:///etc/passwd"))), "http(s)");
        assertNull(OrderLedger.url("ftp://x.example/a"));
        assertEquals("http://x.example/a", OrderLedger.url("http://x.example/a"));
    }

    @Test
    public void sizesAreBounded() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= OrderLedger.MAX_DETAILS; i++) {
            many.put("k" + i, "v");
        }
        refused(result(50.0, null, many, null), "at most");
        String longSummary = "x".repeat(10_000);
        OrderLedger.CheckedResult c = OrderLedger.check(new AssessmentResult(50.0, true, null, longSummary, null,
                Map.of("k", "y".repeat(2_000)), null, AT));
        assertEquals(4000, c.summary().length());
        assertEquals(500, OrderLedger.details(c.detailsJson()).get("k").length());
    }

    @Test
    public void storedJsonThatCannotBeReadShowsAsEmpty() {
        assertTrue(OrderLedger.details("{not json").isEmpty());
        assertTrue(OrderLedger.attachments(null).isEmpty());
    }
}
