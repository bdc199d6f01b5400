package org.hiremarket.plugin.openboard;

import java.util.List;
import java.util.Locale;

import org.hiremarket.api.integration.CandidateSubmission;

/**
 * The people who apply to OpenBoard's demo ads. Everyone is derived from the ad's board reference
 * and the applicant's number, so the same ad always gets the same applicants (after a restart
 * too), and the host recognises a person it already has by email or external id.
 */
final class Applicants {

    static final String EMAIL_DOMAIN = "applicants.openboard.example";

    private static final List<String> FIRST_NAMES = List.of("Alva", "Elias", "Maja", "Noah", "Saga", "Liam", "Freja",
            "Hugo", "Ebba", "Oscar", "Wilma", "Lucas", "Astrid", "Nils", "Ingrid", "Emil", "Sofia", "Axel", "Linnea",
            "Arvid");
    private static final List<String> LAST_NAMES = List.of("Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson",
            "Larsson", "Olsen", "Hansen", "Virtanen", "Korhonen", "Jensen", "Nielsen", "Berg", "Lindqvist", "Dahl",
            "Holm", "Sandberg", "Lund", "Nyström", "Bakke");
    private static final List<String> MOTIVATIONS = List.of(
            "I have done similar work for several years and would like to bring that experience to your team.",
            "The role matches what I studied and what I enjoy most in my current job.",
            "I am looking for a new challenge and your company has a great reputation.",
            "A friend who works with you recommended that I apply.");

    private Applicants() {
    }

    /**
     * @param reference the board reference of the ad
     * @param number    the applicant's number, from 1
     * @param title     the ad's title, quoted in the cover letter
     * @return applicant {@code number} of the ad
     */
    static CandidateSubmission applicant(String reference, int number, String title) {
        byte[] h = Digests.sha256(reference + "#" + number);
        String first = FIRST_NAMES.get(Byte.toUnsignedInt(h[0]) % FIRST_NAMES.size());
        String last = LAST_NAMES.get(Byte.toUnsignedInt(h[1]) % LAST_NAMES.size());
        String phone = String.format(Locale.ROOT, "+46 70 %03d %02d %02d", (Byte.toUnsignedInt(h[2]) * 4 + number) % 1000,
                Byte.toUnsignedInt(h[3]) % 100, Byte.toUnsignedInt(h[4]) % 100);
        String coverLetter = "Hello, I saw your ad \"" + title + "\" on OpenBoard and would like to apply. "
                + MOTIVATIONS.get(Byte.toUnsignedInt(h[5]) % MOTIVATIONS.size()) + " Best regards, " + first + " "
                + last;
        return new CandidateSubmission(reference, first, last, email(reference, number), phone, coverLetter,
                externalId(reference, number));
    }

    static String email(String reference, int number) {
        return "applicant-" + number + "." + reference + "@" + EMAIL_DOMAIN;
    }

    static String externalId(String reference, int number) {
        return reference + "-" + number;
    }
}
