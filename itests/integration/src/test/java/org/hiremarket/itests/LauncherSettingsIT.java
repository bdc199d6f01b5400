package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The JVM settings the distribution's {@code bin/setenv} gives every launch through Karaf's scripts
 * (Pax Exam starts its JVM itself, so the other ITs do not go through it): the symbol table sized
 * for the classes HireMarket loads, accepted by the JDK that runs the tests, added once even when
 * the file is sourced twice (bin/start, then bin/karaf), and left alone when the admin sets it.
 */
public class LauncherSettingsIT {

    private static Path setenv;

    @BeforeClass
    public static void unpackSetenv() throws Exception {
        String distribution = System.getProperty("hiremarket.distribution");
        assertTrue("system property hiremarket.distribution (run the tests through Maven)", distribution != null);
        Path dir = Files.createTempDirectory("hiremarket-setenv");
        Commands.run(dir, "tar", "-xzf", distribution, "-C", dir.toString(), "--wildcards", "*/bin/*");
        try (var found = Files.find(dir, 4, (p, a) -> p.endsWith(Path.of("bin", "setenv")))) {
            setenv = found.findFirst().orElseThrow(() -> new AssertionError("no bin/setenv in " + distribution));
        }
    }

    @Test
    public void launchesGetASymbolTableSizedForHireMarket() throws Exception {
        String opts = extraJavaOpts("", 1);
        assertTrue(opts, opts.contains("-XX:+UnlockExperimentalVMOptions"));
        assertEquals(opts, 1, count(opts, "-XX:SymbolTableSize=262144"));

        // the JDK running the build takes them, and the JVM ends up with that table
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        java.addAll(List.of(opts.trim().split("\\s+")));
        java.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        String flags = Commands.run(setenv.getParent(), java.toArray(new String[0]));
        Matcher m = Pattern.compile("SymbolTableSize\\s*=\\s*(\\d+)").matcher(flags);
        assertTrue(flags, m.find());
        assertEquals("262144", m.group(1));
    }

    @Test
    public void sourcedTwiceTheOptionsAreAddedOnce() throws Exception {
        String opts = extraJavaOpts("-Xmx2g", 2);
        assertEquals(opts, 1, count(opts, "-XX:SymbolTableSize="));
        assertTrue("the admin's own options stay: " + opts, opts.contains("-Xmx2g"));
    }

    @Test
    public void anAdminsOwnSymbolTableSizeWins() throws Exception {
        String opts = extraJavaOpts("-XX:+UnlockExperimentalVMOptions -XX:SymbolTableSize=65536", 1);
        assertEquals(opts, 1, count(opts, "-XX:SymbolTableSize="));
        assertFalse(opts, opts.contains("262144"));
    }

    /** Every launch (bin/karaf, bin/start, bin/stop, bin/client all source bin/setenv) creates private files. */
    @Test
    public void launchesCreatePrivateFiles() throws Exception {
        String umask = Commands.run(setenv.getParent(), "sh", "-c", "umask 022; . ./setenv; umask").trim();
        assertEquals("0077", umask);
        for (String script : new String[] { "karaf", "start", "stop", "client", "status", "shell" }) {
            Path p = setenv.getParent().resolve(script);
            if (Files.exists(p)) {
                assertTrue(script + " sources setenv", Files.readString(p).contains("/setenv\""));
            }
        }
    }

    /** A newcomer's first start does not read "JAVA_HOME not set; results may vary". */
    @Test
    public void javaHomeIsTakenFromTheJavaOnThePathUnlessSet() throws Exception {
        String home = Commands.run(setenv.getParent(), "sh", "-c", "unset JAVA_HOME; . ./setenv; printf '%s' \"$JAVA_HOME\"");
        assertFalse("JAVA_HOME set", home.isEmpty());
        assertTrue(home, Files.isExecutable(Path.of(home, "bin", "java")));
        String kept = Commands.run(setenv.getParent(), "sh", "-c", "JAVA_HOME=/opt/own-jdk; . ./setenv; printf '%s' \"$JAVA_HOME\"");
        assertEquals("/opt/own-jdk", kept);
    }

    /** EXTRA_JAVA_OPTS after sourcing bin/setenv {@code times} times, starting from {@code initial}. */
    private static String extraJavaOpts(String initial, int times) throws Exception {
        String script = "EXTRA_JAVA_OPTS='" + initial + "'; " + ". ./setenv; ".repeat(times)
                + "printf '%s' \"$EXTRA_JAVA_OPTS\"";
        return Commands.run(setenv.getParent(), "sh", "-c", script);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
