package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.Test;

/** {@code If-None-Match} as RFC 9110 evaluates it: lists, several lines, {@code *}, weak comparison. */
public class IfNoneMatchTest {

    private static boolean matches(String... lines) {
        return IfNoneMatch.matches(Arrays.asList(lines), "abc");
    }

    @Test
    public void theCurrentTagMatchesAloneInAListOrWeak() {
        assertTrue(matches("\"abc\""));
        assertTrue("weak comparison", matches("W/\"abc\""));
        assertTrue(matches("\"x\", \"abc\""));
        assertTrue(matches("\"x\",W/\"abc\""));
        assertTrue(matches(" \t\"x\" ,\t \"abc\"  "));
        assertTrue("on a line of its own", matches("\"x\"", "\"abc\""));
        assertTrue(matches("*"));
        assertTrue(matches(" * "));
        assertTrue(matches("\"x\", *"));
    }

    @Test
    public void otherTagsAndMalformedFieldsMatchNothing() {
        assertFalse(IfNoneMatch.matches(null, "abc"));
        assertFalse(IfNoneMatch.matches(List.of(), "abc"));
        assertFalse(matches((String) null));
        assertFalse(matches(""));
        assertFalse(matches("\"x\""));
        assertFalse(matches("\"x\", W/\"y\""));
        assertFalse("unquoted", matches("abc"));
        assertFalse("a lower-case w is no weak prefix", matches("w/\"abc\""));
        assertFalse("unterminated", matches("\"abc"));
        assertFalse("a weak prefix and nothing more", matches("W/"));
        assertFalse(matches("\"x\", W/"));
        assertFalse(matches("\"ab\""));
        assertFalse(matches("\"abcd\""));
        assertFalse("not a member of its own", matches("*abc"));
        assertFalse("the quotes are part of the field, not of the tag", matches("\"\"abc\"\""));
    }

    @Test
    public void aCommaInsideATagDoesNotSplitIt() {
        assertTrue(IfNoneMatch.matchesLine("\"a,b\"", "a,b"));
        assertFalse(IfNoneMatch.matchesLine("\"a,b\"", "b"));
        assertTrue("a malformed member is skipped, the next still counts", IfNoneMatch.matchesLine("abc, \"a,b\"", "a,b"));
    }
}
