package org.hiremarket.plugin.openboard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hiremarket.api.jobboard.JobAd;

/**
 * What OpenBoard accepts as an ad. The customer reads these messages when a posting fails, so each
 * one names the field, what is wrong with it and what OpenBoard needs instead.
 */
final class AdRules {

    static final int MAX_TITLE = 200;
    static final int MIN_DESCRIPTION = 30;
    static final int MAX_DESCRIPTION = 20_000;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AdRules() {
    }

    /** @return what is wrong with the ad, one sentence fragment per problem; empty when OpenBoard takes it */
    static List<String> problems(JobAd ad) {
        List<String> problems = new ArrayList<>();
        if (isBlank(ad.postingId()) && ad.jobId().isBlank()) {
            problems.add("the ad names no posting (posting id and job id are empty)");
        }
        title(ad.title(), problems);
        description(ad.description(), problems);
        country(ad, problems);
        applyUrl(ad.applyUrl(), problems);
        return problems;
    }

    private static void title(String title, List<String> problems) {
        String t = title.strip();
        int length = t.codePointCount(0, t.length());
        if (length == 0) {
            problems.add("the title is empty; OpenBoard needs a title of 1 to " + MAX_TITLE + " characters");
        } else if (length > MAX_TITLE) {
            problems.add("the title has " + number(length) + " characters; OpenBoard allows at most " + MAX_TITLE);
        }
        for (int i = 0, position = 1; i < t.length(); position++) {
            int cp = t.codePointAt(i);
            if (Character.isISOControl(cp)) {
                problems.add("the title contains " + describeControl(cp) + " at character " + position
                        + "; OpenBoard titles are a single line of plain text");
                break;
            }
            i += Character.charCount(cp);
        }
    }

    private static String describeControl(int cp) {
        return switch (cp) {
            case '\n', '\r' -> "a line break";
            case '\t' -> "a tab";
            default -> String.format(Locale.ROOT, "the control character U+%04X", cp);
        };
    }

    private static void description(String description, List<String> problems) {
        if (isBlank(description)) {
            problems.add("the ad text (description) is empty; OpenBoard needs " + MIN_DESCRIPTION + " to "
                    + number(MAX_DESCRIPTION) + " characters");
            return;
        }
        String d = description.strip();
        int length = d.codePointCount(0, d.length());
        if (length < MIN_DESCRIPTION) {
            problems.add("the ad text (description) has " + length + " characters; OpenBoard needs at least "
                    + MIN_DESCRIPTION);
        } else if (length > MAX_DESCRIPTION) {
            problems.add("the ad text (description) has " + number(length) + " characters; OpenBoard allows at most "
                    + number(MAX_DESCRIPTION));
        }
    }

    private static void country(JobAd ad, List<String> problems) {
        String country = ad.countryCode();
        if (isBlank(country)) {
            if (!ad.remote()) {
                problems.add("an on-site job needs its country as an ISO 3166-1 alpha-2 code like SE; "
                        + "set the job's country or mark it as remote");
            }
        } else if (!COUNTRIES.contains(country)) {
            problems.add("the country " + quote(country) + " is not an ISO 3166-1 alpha-2 code; "
                    + "use two capital letters like SE or DE");
        }
    }

    private static void applyUrl(String applyUrl, List<String> problems) {
        if (isBlank(applyUrl)) {
            return;
        }
        if (!isHttpUrl(applyUrl)) {
            problems.add("the apply URL " + quote(applyUrl) + " is not an absolute http or https address "
                    + "like https://example.com/jobs/42");
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The value in quotes, shortened so a message stays readable. */
    private static String quote(String value) {
        return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
    }

    private static String number(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
