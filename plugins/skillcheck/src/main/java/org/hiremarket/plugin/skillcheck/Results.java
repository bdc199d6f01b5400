package org.hiremarket.plugin.skillcheck;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hiremarket.api.assessment.AssessmentOrder;
import org.hiremarket.api.assessment.AssessmentPackage;
import org.hiremarket.api.assessment.AssessmentResult;
import org.hiremarket.api.assessment.AssessmentResult.ResultAttachment;
import org.hiremarket.api.assessment.AssessmentUpdate;
import org.hiremarket.api.assessment.CandidateInfo;

/**
 * How the demo "grades" a candidate. Everything is derived from a SHA-256 hash of the package and
 * the candidate's email, so the same candidate always gets the same result in the same package, and
 * demos and tests are repeatable. Two kinds of email local part trigger the unhappy endings:
 * {@code noshow...} never starts (EXPIRED), {@code unverifiable...} fails the background check.
 */
final class Results {

    static final String REPORTS = "https://reports.skillcheck.example/r/";
    static final String BACKGROUND = "background";
    static final int PASS_MARK = 60;

    static final String NO_SHOW_REASON = "The candidate did not start the assessment within 7 days";
    static final String UNVERIFIABLE_REASON = "Identity could not be verified";

    /** The sub-scores each scored package reports, in the order recruiters see them. */
    private static final Map<String, List<String>> SUB_SCORES = Map.of(
            "java-dev", List.of("Coding", "Testing", "Design"),
            "cognitive", List.of("Numerical", "Verbal", "Logical"),
            "customer-service", List.of("Empathy", "Resolution"));

    private Results() {
    }

    /** @return whether this candidate never starts an assessment (email local part {@code noshow...}) */
    static boolean isNoShow(CandidateInfo candidate) {
        return localPart(candidate.email()).startsWith("noshow");
    }

    /** @return the final report of an order finished {@code at}: COMPLETED, FAILED or EXPIRED */
    static AssessmentUpdate finalUpdate(AssessmentOrder order, AssessmentPackage pkg, String reference, Instant at) {
        String email = order.candidate().email();
        if (isNoShow(order.candidate())) {
            return AssessmentUpdate.expired(NO_SHOW_REASON, at);
        }
        if (pkg.id().equals(BACKGROUND)) {
            if (localPart(email).startsWith("unverifiable")) {
                return AssessmentUpdate.failed(UNVERIFIABLE_REASON, at);
            }
            return AssessmentUpdate.completed(backgroundCheck(reference, at));
        }
        return AssessmentUpdate.completed(scored(pkg, email, reference, at));
    }

    /** A background check has no score: it is verified, with the certificate as a PDF. */
    private static AssessmentResult backgroundCheck(String reference, Instant at) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Identity", "verified");
        details.put("Education", "verified");
        details.put("Employment history", "verified");
        ResultAttachment certificate = new ResultAttachment("background-check-" + reference + ".pdf",
                "application/pdf", REPORTS + reference + ".pdf");
        return new AssessmentResult(null, true, "Verified",
                "Background check complete: identity, education and employment history verified.",
                REPORTS + reference, details, List.of(certificate), at);
    }

    private static AssessmentResult scored(AssessmentPackage pkg, String email, String reference, Instant at) {
        int score = score(pkg.id(), email);
        String band = band(score);
        // sub-scores lie within 10 points of the overall score, each from its own hash
        Map<String, String> details = new LinkedHashMap<>();
        for (String part : SUB_SCORES.getOrDefault(pkg.id(), List.of())) {
            int spread = (int) Math.floorMod(hash(pkg.id() + "|" + normalize(email) + "|" + part), 21L) - 10;
            details.put(part, Math.max(0, Math.min(100, score + spread)) + "/100");
        }
        String summary = "Scored " + score + "/100 in the " + pkg.name() + ": " + band + ".";
        return new AssessmentResult((double) score, score >= PASS_MARK, band, summary, REPORTS + reference, details,
                List.of(), at);
    }

    /** @return the candidate's score in a package, 0 to 100, always the same for the same input */
    static int score(String packageId, String email) {
        return (int) Math.floorMod(hash(packageId + "|" + normalize(email)), 101L);
    }

    /** @return the band of a score: Strong (85+), Good (60+), Borderline (40+) or Weak */
    static String band(int score) {
        if (score >= 85) {
            return "Strong";
        }
        if (score >= PASS_MARK) {
            return "Good";
        }
        return score >= 40 ? "Borderline" : "Weak";
    }

    /** @return a stable, short reference derived from the idempotency key, the same after a restart */
    static String reference(String idempotencyKey) {
        // 48 bits: collisions between the orders of a demo are practically impossible
        return String.format("SC-ORD-%012X", hash("order|" + idempotencyKey) >>> 16);
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String localPart(String email) {
        String e = normalize(email);
        int at = e.indexOf('@');
        return at < 0 ? e : e.substring(0, at);
    }

    /** @return the first 8 bytes of the SHA-256 of {@code text} */
    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
