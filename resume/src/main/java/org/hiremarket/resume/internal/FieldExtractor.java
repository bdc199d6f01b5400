package org.hiremarket.resume.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hiremarket.resume.ParsedResume;
import org.hiremarket.resume.ParsedResume.Education;
import org.hiremarket.resume.ParsedResume.Experience;
import org.hiremarket.resume.ParsedResume.Location;

/**
 * Reads candidate fields out of a resume's plain text with regular expressions and layout
 * heuristics (English headings). Pure and stateless: the same text always gives the same draft.
 */
public final class FieldExtractor {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}");

    /** A run that may be a telephone number: optional +, digits with spaces, dots, dashes, slashes, brackets. */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile("(?<![\\w+])(?:\\+|\\(\\+?)?\\d[\\d ().\\-/\u2010\u2011\u2013]{5,22}\\d(?!\\w)");
    private static final Pattern PHONE_LABEL = Pattern.compile("(?i)\\b(?:phone|tel|telephone|mobile|mob|cell)\\b");

    private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String POINT = "(?:" + MONTH + "\\s+(?:19|20)\\d\\d|(?:0?[1-9]|1[0-2])[/.](?:19|20)\\d\\d|(?:19|20)\\d\\d[-/.](?:0[1-9]|1[0-2])(?!\\d)|(?:19|20)\\d\\d)";
    private static final String OPEN_END = "(?:present|current|now|today|ongoing|date)";
    /** "2019 – 2023", "Jan 2020 - present", "03/2018 to 11/2021", "2021-04 – now". */
    static final Pattern RANGE = Pattern.compile("(?i)(?<![\\w/.-])(" + POINT + ")\\s*(?:-|\u2010|\u2011|\u2012|\u2013|\u2014|\u2212|to|until|till)\\s*(" + POINT + "|" + OPEN_END + ")(?![\\w/])");
    private static final Pattern SINGLE_YEAR = Pattern.compile("(?<![\\w/.-])((?:19|20)\\d\\d)(?![\\w/])");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)^(" + MONTH + ")\\s+((?:19|20)\\d\\d)$");
    private static final Pattern NUM_MONTH_YEAR = Pattern.compile("^(0?[1-9]|1[0-2])[/.]((?:19|20)\\d\\d)$");
    private static final Pattern YEAR_NUM_MONTH = Pattern.compile("^((?:19|20)\\d\\d)[-/.](0[1-9]|1[0-2])$");

    private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}[\\p{L}'\u2019.-]*");
    private static final Pattern LABEL = Pattern.compile("(?i)^(name|full name|location|address|city|based in|email|e-mail|phone|mobile|tel)\\s*[:\u2013-]\\s*(.*)$");
    private static final Pattern BULLET = Pattern.compile("^[\u2022\u25AA\u25CF\u2023\u2043\u25E6\u2219*\u00B7>-]\\s*");
    private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:\\||\u2022|\u00B7|\u25CF|\u2219|\t)\\s*");

    enum Section { HEADER, EXPERIENCE, EDUCATION, SKILLS, OTHER }

    private static final Map<String, Section> HEADINGS = new HashMap<>();
    static {
        for (String h : List.of("experience", "work experience", "professional experience", "relevant experience",
                "work history", "employment", "employment history", "career history", "career", "positions held",
                "professional background", "work")) {
            HEADINGS.put(h, Section.EXPERIENCE);
        }
        for (String h : List.of("education", "academic background", "qualifications", "education and training",
                "education & training", "academic qualifications", "studies", "training and education")) {
            HEADINGS.put(h, Section.EDUCATION);
        }
        for (String h : List.of("skills", "technical skills", "core skills", "key skills", "competencies",
                "core competencies", "skills and competencies", "skills & competencies", "technologies",
                "expertise", "areas of expertise", "skill set", "skillset", "tools", "tech stack",
                "skills & tools", "skills and tools", "technical expertise")) {
            HEADINGS.put(h, Section.SKILLS);
        }
        for (String h : List.of("summary", "profile", "professional summary", "personal profile", "about me", "about",
                "objective", "career objective", "languages", "certifications", "certificates", "projects",
                "interests", "hobbies", "references", "publications", "awards", "honours", "honors", "contact",
                "contact details", "personal details", "personal information", "volunteering", "volunteer experience",
                "achievements", "courses", "memberships", "activities")) {
            HEADINGS.put(h, Section.OTHER);
        }
    }

    private static final Set<String> NOT_A_NAME = Set.of("curriculum vitae", "resume", "r\u00e9sum\u00e9", "cv",
            "personal details", "contact", "profile");

    private static final Pattern DEGREE = Pattern.compile("(?i)^(?:bachelor|master|doctor|ph\\.?\\s?d|b\\.?\\s?sc|m\\.?\\s?sc|b\\.?\\s?a\\b|m\\.?\\s?a\\b|mba|b\\.?\\s?eng|m\\.?\\s?eng|b\\.?\\s?s\\b|m\\.?\\s?s\\b|b\\.?\\s?tech|m\\.?\\s?tech|diploma|associate|certificate|high school|a[- ]levels?|gcse|abitur|licen[cs]e|llb|llm|md\\b|bba|hnd|postgraduate|undergraduate)");
    private static final Pattern SCHOOL = Pattern.compile("(?i)\\b(?:university|universit\u00e4t|universit\u00e9|universidad|universit\u00e0|college|school|institute|academy|polytechnic|hochschule|conservatory|\u00e9cole|ecole)\\b");
    private static final Pattern TITLE_WORD = Pattern.compile("(?i)\\b(?:engineer|developer|manager|analyst|designer|consultant|director|lead|intern|specialist|architect|officer|administrator|scientist|teacher|nurse|accountant|assistant|coordinator|head|executive|recruiter|owner|founder|programmer|tester|technician|representative|advisor|adviser|associate|editor|writer|researcher|president|vp|cto|ceo|cfo|supervisor|clerk|agent|operator|trainee|apprentice)\\b");

    private static final Map<String, String> COUNTRIES = countries();

    private static Map<String, String> countries() {
        Map<String, String> m = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale l = new Locale("", code);
            m.put(l.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
            m.put(l.getDisplayCountry(l).toLowerCase(Locale.ROOT), code); // e.g. "Deutschland" where the JDK knows it
            try {
                m.put(l.getISO3Country().toLowerCase(Locale.ROOT), code);
            } catch (java.util.MissingResourceException ignored) {
                // no alpha-3 code
            }
        }
        for (Locale l : Locale.getAvailableLocales()) {
            if (!l.getCountry().isEmpty() && l.getCountry().length() == 2) {
                m.putIfAbsent(l.getDisplayCountry(l).toLowerCase(l), l.getCountry());
            }
        }
        m.remove(""); // locales without a display name
        m.putAll(Map.of("uk", "GB", "u.k.", "GB", "england", "GB", "scotland", "GB", "wales", "GB",
                "northern ireland", "GB", "great britain", "GB", "usa", "US", "u.s.a.", "US", "u.s.", "US"));
        m.putAll(Map.of("us", "US", "united states of america", "US", "america", "US", "holland", "NL",
                "the netherlands", "NL", "czech republic", "CZ", "russia", "RU", "south korea", "KR", "uae", "AE",
                "deutschland", "DE"));
        return m;
    }

    private static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY", "DC");

    private FieldExtractor() {
    }

    /** The draft for {@code text}; {@code mediaType} and {@code warnings} (already found) are carried over. */
    public static ParsedResume extract(String text, String mediaType, List<String> warnings) {
        List<String> w = new ArrayList<>(warnings);
        List<String> lines = lines(text);
        Map<Section, List<String>> sections = sections(lines);
        List<String> header = sections.getOrDefault(Section.HEADER, List.of());

        String email = email(text);
        if (email == null) {
            w.add("no email found");
        }
        String phone = phone(lines);
        if (phone == null) {
            w.add("no phone number found");
        }
        String[] name = name(header.isEmpty() ? lines : header, lines);
        if (name == null && email != null) {
            name = nameFromEmail(email);
            if (name != null) {
                w.add("name taken from the email address");
            }
        }
        if (name == null) {
            w.add("no name found");
        }
        Location location = location(header.isEmpty() ? lines : header, lines);
        if (location == null) {
            w.add("no location found");
        }
        List<Experience> experience = List.of();
        if (sections.containsKey(Section.EXPERIENCE)) {
            experience = experience(sections.get(Section.EXPERIENCE));
            if (experience.isEmpty()) {
                w.add("no positions found in the experience section");
            }
        } else {
            w.add("no experience section found");
        }
        List<Education> education = List.of();
        if (sections.containsKey(Section.EDUCATION)) {
            education = education(sections.get(Section.EDUCATION));
            if (education.isEmpty()) {
                w.add("no entries found in the education section");
            }
        } else {
            w.add("no education section found");
        }
        List<String> skills = List.of();
        if (sections.containsKey(Section.SKILLS)) {
            skills = skills(sections.get(Section.SKILLS));
            if (skills.isEmpty()) {
                w.add("no skills found in the skills section");
            }
        } else {
            w.add("no skills section found");
        }
        return new ParsedResume(mediaType, name == null ? null : name[0], name == null ? null : name[1], email, phone,
                location, experience, education, skills, text, w);
    }

    // ------------------------------------------------------------------ text

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\\r\\n|\\r|\\n|\u2028|\u2029|\f")) {
            String l = raw.replace('\u00A0', ' ').replace('\u200B', ' ').replaceAll("[ \\x0B]+", " ").strip();
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    static Section heading(String line) {
        String l = line.replaceAll("[:\u2013\u2014_=#*-]+$", "").strip().toLowerCase(Locale.ROOT);
        if (l.length() > 40) {
            return null;
        }
        return HEADINGS.get(l);
    }

    static Map<Section, List<String>> sections(List<String> lines) {
        Map<Section, List<String>> out = new LinkedHashMap<>();
        Section current = Section.HEADER;
        out.put(current, new ArrayList<>());
        for (String line : lines) {
            Section h = heading(line);
            if (h != null) {
                current = h;
                out.computeIfAbsent(current, k -> new ArrayList<>());
                continue;
            }
            out.get(current).add(line);
        }
        return out;
    }

    // ------------------------------------------------------------------ contact

    static String email(String text) {
        Matcher m = EMAIL.matcher(text);
        return m.find() ? m.group().toLowerCase(Locale.ROOT) : null;
    }

    static String phone(List<String> lines) {
        String unlabelled = null;
        for (String line : lines) {
            String scan = EMAIL.matcher(line).replaceAll(" ");
            Matcher m = PHONE_CANDIDATE.matcher(scan);
            while (m.find()) {
                String candidate = m.group().strip();
                if (!plausiblePhone(candidate)) {
                    continue;
                }
                if (PHONE_LABEL.matcher(line).find() || candidate.startsWith("+") || candidate.startsWith("(")) {
                    return tidyPhone(candidate);
                }
                if (unlabelled == null && candidate.startsWith("0")) {
                    unlabelled = tidyPhone(candidate);
                }
            }
        }
        return unlabelled;
    }

    private static boolean plausiblePhone(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.length() < 7 || digits.length() > 15) {
            return false;
        }
        if (RANGE.matcher(candidate).find()) {
            return false; // "2019 - 2023", "01/2019 - 03/2020"
        }
        // unbalanced brackets are not a number
        return candidate.chars().filter(c -> c == '(').count() == candidate.chars().filter(c -> c == ')').count();
    }

    private static String tidyPhone(String candidate) {
        return candidate.replaceAll("[\u2010\u2011\u2013]", "-").replaceAll("\\s+", " ");
    }

    // ------------------------------------------------------------------ name

    static String[] name(List<String> header, List<String> all) {
        for (String line : all) {
            Matcher label = LABEL.matcher(line);
            if (label.matches() && label.group(1).toLowerCase(Locale.ROOT).contains("name")) {
                String[] n = splitName(label.group(2));
                if (n != null) {
                    return n;
                }
            }
        }
        int looked = 0;
        for (String line : header) {
            if (++looked > 8) {
                break;
            }
            // "Jane Doe | jane@x.org | London, UK": the name is the first part
            String first = SEPARATORS.split(line)[0].strip();
            String[] n = splitName(first);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static String[] splitName(String candidate) {
        String c = candidate.strip();
        if (c.isEmpty() || c.length() > 60 || NOT_A_NAME.contains(c.toLowerCase(Locale.ROOT)) || heading(c) != null
                || c.contains("@") || c.matches(".*\\d.*")) {
            return null;
        }
        String[] words = c.split("\\s+");
        if (words.length < 2 || words.length > 4) {
            return null;
        }
        boolean allCaps = c.equals(c.toUpperCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        for (String word : words) {
            String wd = allCaps ? titleCase(word) : word;
            if (!NAME_WORD.matcher(wd).matches() || wd.length() < 2 && !wd.endsWith(".")) {
                return null;
            }
            out.add(wd);
        }
        if (TITLE_WORD.matcher(c).find() || SCHOOL.matcher(c).find() || countryCode(c) != null) {
            return null;
        }
        return new String[] {out.get(0), String.join(" ", out.subList(1, out.size()))};
    }

    private static String titleCase(String word) {
        StringBuilder sb = new StringBuilder(word.length());
        boolean start = true;
        for (char ch : word.toCharArray()) {
            sb.append(start ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            start = ch == '-' || ch == '\'' || ch == '\u2019';
        }
        return sb.toString();
    }

    static String[] nameFromEmail(String email) {
        String local = email.substring(0, email.indexOf('@'));
        String[] parts = local.split("[._-]");
        if (parts.length < 2 || parts.length > 3) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String p : parts) {
            if (!p.matches("\\p{L}{2,}")) {
                return null;
            }
            words.add(titleCase(p));
        }
        return new String[] {words.get(0), String.join(" ", words.subList(1, words.size()))};
    }

    // ------------------------------------------------------------------ location

    static Location location(List<String> header, List<String> all) {
        for (String line : all) {
            Matcher label = LABEL.matcher(line);
            if (label.matches() && List.of("location", "address", "city", "based in")
                    .contains(label.group(1).toLowerCase(Locale.ROOT))) {
                Location l = cityCountry(label.group(2));
                if (l != null) {
                    return l;
                }
            }
        }
        int looked = 0;
        for (String line : header) {
            if (++looked > 10) {
                break;
            }
            for (String part : SEPARATORS.split(line)) {
                Location l = cityCountry(part);
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }

    /** "London, United Kingdom", "Austin, TX", "Berlin, Berlin, Germany", "Lyon, FR". */
    static Location cityCountry(String text) {
        String t = text.strip();
        if (t.contains("@") || t.length() > 80) {
            return null;
        }
        String[] parts = t.split("\\s*,\\s*");
        if (parts.length < 2 || parts.length > 4) {
            return null;
        }
        String city = parts[0].replaceFirst("^\\d{4,6}\\s+", "").replaceFirst("\\s+\\d{4,6}$", "").strip();
        if (!city.matches("\\p{Lu}[\\p{L} .'\u2019-]{1,40}")) {
            return null;
        }
        String last = parts[parts.length - 1].replaceAll("\\s+\\d{4,6}$", "").strip(); // "TX 78701"
        String code = countryCode(last);
        if (code == null && US_STATES.contains(last.toUpperCase(Locale.ROOT)) && last.equals(last.toUpperCase(Locale.ROOT))) {
            code = "US";
        }
        if (code == null) {
            return null;
        }
        if (city.contains(" ") && city.split(" ").length > 3) {
            return null;
        }
        return new Location(city, code);
    }

    static String countryCode(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.length() == 2 && name.strip().equals(name.strip().toUpperCase(Locale.ROOT))) {
            String up = n.toUpperCase(Locale.ROOT);
            if ("UK".equals(up)) {
                return "GB";
            }
            for (String c : Locale.getISOCountries()) {
                if (c.equals(up) && !US_STATES.contains(up)) {
                    return up;
                }
            }
        }
        if (n.length() == 3 && !name.strip().equals(name.strip().toUpperCase(Locale.ROOT))) {
            return null; // three-letter codes only in capitals ("Leeds" is not a country, "GBR" is)
        }
        return n.length() > 2 ? COUNTRIES.get(n) : null;
    }

    // ------------------------------------------------------------------ experience

    static List<Experience> experience(List<String> lines) {
        List<Experience> out = new ArrayList<>();
        boolean[] used = new boolean[lines.size()];
        boolean dateFirst = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (BULLET.matcher(line).find() && !RANGE.matcher(line).find()) {
                continue;
            }
            Matcher m = RANGE.matcher(line);
            if (!m.find()) {
                continue;
            }
            used[i] = true;
            String from = point(m.group(1));
            String toText = m.group(2);
            boolean current = toText.toLowerCase(Locale.ROOT).matches(OPEN_END);
            String to = current ? null : point(toText);
            String rest = trimSeparators(line.substring(0, m.start()) + " | " + line.substring(m.end()));
            List<String> head = new ArrayList<>();
            if (!rest.isEmpty()) {
                head.add(rest);
            }
            boolean complete = !rest.isEmpty() && splitTitleEmployer(rest)[1] != null;
            boolean belowFits = i + 1 < lines.size() && !used[i + 1] && !BULLET.matcher(lines.get(i + 1)).find()
                    && !RANGE.matcher(lines.get(i + 1)).find() && lines.get(i + 1).length() <= 90;
            if (!complete && head.isEmpty() && dateFirst && belowFits) {
                // this resume puts the dates first ("2019 – 2023", then "Developer, Acme"): keep to it
                head.add(lines.get(i + 1));
                used[i + 1] = true;
                complete = true;
            }
            // title and employer may stand on the line(s) just above the dates, unless the date line has both
            for (int j = i - 1; !complete && j >= 0 && j >= i - 2 && head.size() < 2; j--) {
                String prev = lines.get(j);
                if (used[j] || BULLET.matcher(prev).find() || prev.length() > 90 || prev.endsWith(".")
                        || RANGE.matcher(prev).find()) {
                    break;
                }
                head.add(0, prev);
                used[j] = true;
            }
            // or just below
            if (head.isEmpty() && belowFits) {
                head.add(lines.get(i + 1));
                used[i + 1] = true;
                dateFirst = true;
            }
            String[] te = titleEmployer(head);
            out.add(new Experience(te[0], te[1], from, to, current));
        }
        return out;
    }

    private static String[] titleEmployer(List<String> head) {
        if (head.isEmpty()) {
            return new String[] {null, null};
        }
        if (head.size() >= 2) {
            String a = trimSeparators(head.get(0));
            String b = trimSeparators(head.get(1));
            // two lines: the one with a job-title word is the title
            if (TITLE_WORD.matcher(b).find() && !TITLE_WORD.matcher(a).find()) {
                return new String[] {nullIfEmpty(b), nullIfEmpty(a)};
            }
            // "Developer, Acme" above the dates and the place on the date line: keep the line with two parts
            String[] split = splitTitleEmployer(a);
            if (split[1] != null && !TITLE_WORD.matcher(b).find()) {
                return split;
            }
            return new String[] {nullIfEmpty(a), nullIfEmpty(b)};
        }
        return splitTitleEmployer(trimSeparators(head.get(0)));
    }

    private static String[] splitTitleEmployer(String line) {
        Matcher at = Pattern.compile("(?i)^(.+?)\\s+(?:at|@)\\s+(.+)$").matcher(line);
        if (at.matches()) {
            return new String[] {at.group(1).strip(), at.group(2).strip()};
        }
        String[] parts = line.split("\\s*(?:,|\\||\u2013|\u2014|\\s-\\s|\u2022|\u00B7)\\s*", 3);
        if (parts.length == 1) {
            return new String[] {nullIfEmpty(line), null};
        }
        String a = parts[0].strip();
        String b = parts[1].strip();
        if (TITLE_WORD.matcher(b).find() && !TITLE_WORD.matcher(a).find()) {
            return new String[] {nullIfEmpty(b), nullIfEmpty(a)};
        }
        return new String[] {nullIfEmpty(a), nullIfEmpty(b)};
    }

    private static String trimSeparators(String s) {
        return s.replaceAll("^[\\s|,\u2013\u2014\u2022\u00B7:()-]+", "").replaceAll("[\\s|,\u2013\u2014\u2022\u00B7:()-]+$", "")
                .replaceAll("\\s*\\|\\s*\\|\\s*", " | ").strip();
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** "Jan 2020" → "2020-01", "03/2018" → "2018-03", "2019" → "2019". */
    static String point(String text) {
        String t = text.strip();
        Matcher m = MONTH_YEAR.matcher(t);
        if (m.matches()) {
            return m.group(2) + "-" + month(m.group(1));
        }
        m = NUM_MONTH_YEAR.matcher(t);
        if (m.matches()) {
            return m.group(2) + "-" + String.format("%02d", Integer.parseInt(m.group(1)));
        }
        m = YEAR_NUM_MONTH.matcher(t);
        if (m.matches()) {
            return m.group(1) + "-" + m.group(2);
        }
        return t.matches("(?:19|20)\\d\\d") ? t : null;
    }

    private static String month(String name) {
        String n = name.toLowerCase(Locale.ROOT).substring(0, 3);
        int i = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(n);
        return String.format("%02d", i + 1);
    }

    // ------------------------------------------------------------------ education

    static List<Education> education(List<String> lines) {
        List<Education> out = new ArrayList<>();
        String degree = null;
        String school = null;
        Integer year = null;
        for (String line : lines) {
            if (BULLET.matcher(line).find()) {
                continue; // details of an entry
            }
            Integer lineYear = null;
            Matcher r = RANGE.matcher(line);
            String rest = line;
            if (r.find()) {
                String end = r.group(2);
                String p = end.toLowerCase(Locale.ROOT).matches(OPEN_END) ? null : point(end);
                lineYear = p == null ? null : Integer.valueOf(p.substring(0, 4));
                rest = line.substring(0, r.start()) + " | " + line.substring(r.end());
            } else {
                Matcher y = SINGLE_YEAR.matcher(line);
                Integer last = null;
                while (y.find()) {
                    last = Integer.valueOf(y.group(1));
                }
                if (last != null) {
                    lineYear = last;
                    rest = SINGLE_YEAR.matcher(line).replaceAll(" | ");
                }
            }
            for (String seg : rest.split("\\s*(?:,|\\||\u2013|\u2014|\\s-\\s|\u2022|\u00B7|\t)\\s*")) {
                String s = trimSeparators(seg).replaceAll("(?i)^(?:graduated|expected|class of)\\s*", "").strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (DEGREE.matcher(s).find() && !SCHOOL.matcher(s).find()) {
                    if (degree != null) {
                        out.add(new Education(degree, school, year));
                        school = null;
                        year = null;
                    }
                    degree = s;
                } else if (SCHOOL.matcher(s).find()) {
                    if (school != null) {
                        out.add(new Education(degree, school, year));
                        degree = null;
                        year = null;
                    }
                    school = s;
                } else if (degree != null && school == null && s.matches("(?i)(?:in|of)\\s.+")) {
                    degree = degree + " " + s; // "Master of Science, in Physics"
                }
            }
            if (lineYear != null) {
                if (year != null && (degree != null || school != null)) {
                    out.add(new Education(degree, school, year));
                    degree = null;
                    school = null;
                }
                year = lineYear;
            }
        }
        if (degree != null || school != null) {
            out.add(new Education(degree, school, year));
        }
        return out;
    }

    // ------------------------------------------------------------------ skills

    static List<String> skills(List<String> lines) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String l = BULLET.matcher(line).replaceFirst("");
            int colon = l.indexOf(':');
            if (colon > 0 && colon < 30) {
                l = l.substring(colon + 1); // "Languages: Java, Python"
            }
            for (String item : l.split("\\s*(?:,|;|\\||\u2022|\u00B7|\u25CF|\u2219|\t|\\s/\\s)\\s*")) {
                String s = item.strip().replaceAll("[.]+$", "");
                if (s.isEmpty() || s.length() > 40 || s.split("\\s+").length > 4) {
                    continue;
                }
                if (seen.add(s.toLowerCase(Locale.ROOT))) {
                    out.add(s);
                }
                if (out.size() == 60) {
                    return out;
                }
            }
        }
        return out;
    }
}
