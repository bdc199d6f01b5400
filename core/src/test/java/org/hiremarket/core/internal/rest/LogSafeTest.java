package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Request data reaches the log only as one bounded, sanitised line (issue #25, Low). */
public class LogSafeTest {

    @Test
    public void controlCharactersCannotForgeLogLines() {
        String forged = "abc\r\n2026-12-07T10:00:00,000 | ERROR | fake | line\u001b[31m";
        String safe = LogSafe.text(forged);
        assertFalse(safe.contains("\n"));
        assertFalse(safe.contains("\r"));
        assertFalse(safe.contains("\u001b"));
        assertTrue(safe.startsWith("abc??2026"));
    }

    @Test
    public void longTextIsCapped() {
        String safe = LogSafe.text("x".repeat(100_000));
        assertTrue(safe.length() < LogSafe.MAX + 30);
        assertTrue(safe.endsWith("...(100000 chars)"));
    }

    @Test
    public void anExceptionIsDescribedWithSanitisedMessagesAndBoundedFrames() {
        Exception e = new IllegalArgumentException("bad input\nERROR injected",
                new NumberFormatException("For input string: \"1\r\n2\""));
        String d = LogSafe.describe(e, 3);
        assertTrue(d, d.startsWith("java.lang.IllegalArgumentException: bad input?ERROR injected"));
        assertTrue(d, d.contains("caused by: java.lang.NumberFormatException: For input string: \"1??2\""));
        for (String line : d.split("\n")) {
            assertTrue("every line is a header or a frame: " + line,
                    line.startsWith("java.") || line.startsWith(" caused by: ") || line.startsWith("\t"));
        }
    }

    @Test
    public void aSanitisedCopyKeepsClassesAndFramesButNoLineBreaks() {
        Exception e = new IllegalStateException("x\r\nERROR forged", new java.io.IOException("y\nz"));
        Throwable c = LogSafe.sanitized(e);
        java.io.StringWriter w = new java.io.StringWriter();
        c.printStackTrace(new java.io.PrintWriter(w));
        String printed = w.toString();
        assertTrue(printed, printed.startsWith("java.lang.IllegalStateException: x??ERROR forged"));
        assertTrue(printed, printed.contains("Caused by: java.io.IOException: y?z"));
        for (String line : printed.split("\n")) {
            assertFalse("no line starts with forged text: " + line, line.startsWith("ERROR"));
        }
        org.junit.Assert.assertArrayEquals(e.getStackTrace(), c.getStackTrace());
    }
}
