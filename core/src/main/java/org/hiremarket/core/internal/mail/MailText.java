package org.hiremarket.core.internal.mail;

import java.util.regex.Pattern;

/**
 * Puts user-controlled values (such as a person's name) into the plain-text mails the product
 * sends, so they cannot carry a working link, markup or hidden text into an official mail, even
 * for values stored before the name rules refused them.
 */
public final class MailText {

    static final int MAX_LENGTH = 100;
    private static final Pattern SCHEME = Pattern.compile("://");
    private static final Pattern WWW = Pattern.compile("(?i)www\\.");
    /** A dot between a letter or digit and a letter: what mail clients turn into a link ("evil.example"). */
    private static final Pattern DOMAIN_DOT = Pattern.compile("(?<=[\\p{L}\\p{N}])\\.(?=\\p{L})");

    private MailText() {
    }

    /**
     * @return {@code value} with control and invisible formatting characters and {@code <>} removed,
     *         {@code ://}, {@code www.} and domain-like dots broken up, at most 100 characters; empty for
     *         {@code null}
     */
    public static String userValue(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(' ');
            } else if (c != '<' && c != '>') {
                b.appendCodePoint(c);
            }
        });
        String s = SCHEME.matcher(b).replaceAll(" ");
        s = WWW.matcher(s).replaceAll("www ");
        s = DOMAIN_DOT.matcher(s).replaceAll(". ");
        s = s.replaceAll("\\s+", " ").trim();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }
}
