package org.hiremarket.resume;

import java.util.List;

/**
 * A draft of a candidate's details read from a resume. Every field may be missing ({@code null}
 * or an empty list); {@link #warnings()} says which ones were not found. The draft is a
 * suggestion for a person to check, never a record to store as is.
 *
 * @param mediaType  the detected type, e.g. {@code application/pdf}
 * @param firstName  the first word of the name
 * @param lastName   the rest of the name
 * @param email      the first e-mail address in the text, lower-cased
 * @param phone      the first telephone number, as written (spaces collapsed)
 * @param location   the city and country, when a line reads like one
 * @param experience the positions of the experience section, in document order
 * @param education  the entries of the education section, in document order
 * @param skills     the skills section's items, de-duplicated, in document order
 * @param text       the extracted plain text, at most {@link ResumeParser#MAX_TEXT_CHARS} characters
 * @param warnings   sentences naming what was not found or was cut, e.g. {@code "no email found"}
 */
public record ParsedResume(String mediaType, String firstName, String lastName, String email, String phone,
        Location location, List<Experience> experience, List<Education> education, List<String> skills,
        String text, List<String> warnings) {

    public ParsedResume {
        experience = List.copyOf(experience);
        education = List.copyOf(education);
        skills = List.copyOf(skills);
        warnings = List.copyOf(warnings);
    }

    /**
     * Where the candidate lives.
     *
     * @param city        as written, e.g. {@code London}
     * @param countryCode ISO 3166-1 alpha-2, e.g. {@code GB}, or {@code null} when not recognised
     */
    public record Location(String city, String countryCode) {
    }

    /**
     * One position.
     *
     * @param title    the job title, e.g. {@code Senior Software Engineer}
     * @param employer the company, e.g. {@code Acme Ltd}
     * @param from     start as {@code yyyy} or {@code yyyy-MM}, or {@code null}
     * @param to       end as {@code yyyy} or {@code yyyy-MM}, or {@code null} when current or unknown
     * @param current  the range ends with "present", "current", "now" or "today"
     */
    public record Experience(String title, String employer, String from, String to, boolean current) {
    }

    /**
     * One degree or school.
     *
     * @param degree e.g. {@code BSc Computer Science}, or {@code null}
     * @param school e.g. {@code University of Leeds}, or {@code null}
     * @param year   the year it ended (the end of a range), or {@code null}
     */
    public record Education(String degree, String school, Integer year) {
    }
}
