package org.hiremarket.plugin.talentbridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.hiremarket.api.integration.CandidateSubmission;

/**
 * The candidates TalentBridge's recruiters find for an assignment. Each is derived from the
 * assignment id and the candidate's number, so an assignment always gets the same people (after a
 * restart too) and the host recognises one it already has by email.
 */
final class Candidates {

    static final String EMAIL_DOMAIN = "candidates.talentbridge.example";

    private static final List<String> FIRST_NAMES = List.of("Olivia", "George", "Amelia", "Harry", "Isla", "Oliver",
            "Ava", "Jack", "Mia", "Charlie", "Grace", "Thomas", "Emily", "Oscar", "Poppy", "James");
    private static final List<String> LAST_NAMES = List.of("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
            "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes", "Green", "Hall", "Clarke");

    private Candidates() {
    }

    /** @return candidate {@code number} (from 1) of the assignment */
    static CandidateSubmission candidate(String assignmentId, int number, String jobTitle) {
        byte[] h = sha256(assignmentId + "#" + number);
        String first = FIRST_NAMES.get(Byte.toUnsignedInt(h[0]) % FIRST_NAMES.size());
        String last = LAST_NAMES.get(Byte.toUnsignedInt(h[1]) % LAST_NAMES.size());
        String phone = String.format(Locale.ROOT, "+44 7700 9%02d%03d", Byte.toUnsignedInt(h[2]) % 100,
                (Byte.toUnsignedInt(h[3]) * 4 + number) % 1000);
        String note = "Screened by TalentBridge for \"" + jobTitle + "\": " + first + " " + last
                + " matches the role's requirements and is available.";
        return new CandidateSubmission(assignmentId, first, last, email(assignmentId, number), phone, note,
                assignmentId + "-" + number);
    }

    static String email(String assignmentId, int number) {
        return "candidate-" + number + "." + assignmentId + "@" + EMAIL_DOMAIN;
    }

    /** TalentBridge's reference of an assignment: its office code and 10 hex digits of the assignment id's hash. */
    static String reference(String officeCode, String assignmentId) {
        return officeCode + "-A-" + HexFormat.of().withUpperCase().formatHex(sha256(assignmentId), 0, 5);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
