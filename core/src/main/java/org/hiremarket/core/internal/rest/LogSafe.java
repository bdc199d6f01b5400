package org.hiremarket.core.internal.rest;

/**
 * Text from a request (paths, headers, exception messages that quote input) made safe for one log
 * line: control characters (CR, LF, TAB, ESC ...) become {@code ?} and the length is capped, so a
 * caller can neither forge log lines nor flood the log.
 */
final class LogSafe {

    static final int MAX = 200;

    private LogSafe() {
    }

    static String text(Object value) {
        return text(value, MAX);
    }

    static String text(Object value, int max) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16);
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (s.length() > max) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.toString();
    }

    /**
     * A copy of the exception chain fit for the log: the same classes (named in the message) and
     * stack frames, messages sanitised and bounded. Log it as the throwable of a log call: Karaf's
     * layout encodes line breaks in the message, but not in a throwable's messages, which may quote
     * request data.
     */
    static Throwable sanitized(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable t, int depth) {
        Throwable cause = t.getCause() != null && t.getCause() != t && depth < 5 ? copy(t.getCause(), depth + 1) : null;
        Throwable c = new Logged(t.getClass().getName() + ": " + text(t.getMessage()), cause);
        c.setStackTrace(t.getStackTrace());
        return c;
    }

    /** Stands in for a logged exception: its message names the original class. */
    static final class Logged extends Exception {
        private static final long serialVersionUID = 1L;

        Logged(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /**
     * An exception as one bounded line per cause plus its stack frames: class names and code
     * locations are the host's own, messages (which may quote request data) are sanitised.
     */
    static String describe(Throwable e, int maxFrames) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (depth > 0) {
                sb.append("\n caused by: ");
            }
            sb.append(t.getClass().getName()).append(": ").append(text(t.getMessage()));
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(maxFrames, frames.length); i++) {
                sb.append("\n\tat ").append(frames[i]);
            }
            if (frames.length > maxFrames) {
                sb.append("\n\t... ").append(frames.length - maxFrames).append(" more");
            }
        }
        return sb.toString();
    }
}
