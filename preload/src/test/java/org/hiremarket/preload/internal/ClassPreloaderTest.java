package org.hiremarket.preload.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class ClassPreloaderTest {

    /** Loads through this test's class loader, for the bundles it is told exist. */
    private static final class RecordingTarget implements ClassPreloader.Target {
        final Set<String> bundles;
        final List<String> loaded = new ArrayList<>();

        RecordingTarget(String... bundles) {
            this.bundles = Set.of(bundles);
        }

        @Override
        public boolean load(String bundle, String className) throws ClassNotFoundException {
            if (!bundles.contains(bundle)) {
                return false;
            }
            Class.forName(className, false, getClass().getClassLoader());
            loaded.add(className);
            return true;
        }
    }

    private static BufferedReader list(String text) {
        return new BufferedReader(new StringReader(text));
    }

    @Test
    public void loadsTheListedClassesInOrderAndSkipsCommentsAndBlankLines() throws Exception {
        RecordingTarget target = new RecordingTarget("a", "b");
        ClassPreloader.Result result = ClassPreloader.run(list(
            "# header\n\na java.util.ArrayList\n  b java.util.HashMap  \n# a java.util.TreeMap\n"),
            target, () -> false);
        assertEquals(List.of("java.util.ArrayList", "java.util.HashMap"), target.loaded);
        assertEquals(2, result.loaded);
        assertEquals(0, result.skipped);
        assertEquals(0, result.notFound);
        assertFalse(result.cancelled);
    }

    @Test
    public void aMissingClassOrBundleOrAMalformedLineDoesNotStopTheRun() throws Exception {
        RecordingTarget target = new RecordingTarget("a");
        ClassPreloader.Result result = ClassPreloader.run(list(
            "a org.example.Gone\nnobundle java.util.ArrayList\nmalformed\na \na java.util.LinkedList\n"),
            target, () -> false);
        assertEquals(List.of("java.util.LinkedList"), target.loaded);
        assertEquals(1, result.loaded);
        assertEquals(1, result.notFound);
        assertEquals(3, result.skipped);
        assertEquals("1 classes loaded, 1 not found, 3 skipped", result.toString());
    }

    @Test
    public void stopsBetweenClassesWhenCancelled() throws Exception {
        RecordingTarget target = new RecordingTarget("a");
        ClassPreloader.Result result = ClassPreloader.run(list(
            "a java.util.ArrayList\na java.util.HashMap\na java.util.TreeMap\n"),
            target, () -> target.loaded.size() == 1);
        assertEquals(List.of("java.util.ArrayList"), target.loaded);
        assertTrue(result.cancelled);
        assertTrue(result.toString().endsWith("(cancelled)"));
    }

    @Test
    public void theShippedListIsWellFormedAndHasNoDuplicates() throws Exception {
        InputStream in = Activator.class.getResourceAsStream(Activator.LIST);
        assertTrue("classes.txt is packaged beside the activator", in != null);
        Set<String> seen = new HashSet<>();
        Set<String> bundles = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                assertEquals("<bundle> <class>: " + line, 2, parts.length);
                assertTrue("a class name: " + line, parts[1].matches("[\\w$.]+"));
                assertTrue("listed once: " + line, seen.add(parts[1]));
                bundles.add(parts[0]);
            }
        }
        assertTrue("the list covers EclipseLink and HireMarket's core, " + bundles,
            bundles.contains("org.eclipse.persistence.core") && bundles.contains("org.hiremarket.core"));
        assertTrue(seen.size() > 1000);
    }
}
