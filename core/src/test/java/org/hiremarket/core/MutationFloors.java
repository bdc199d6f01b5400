package org.hiremarket.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's mutation-score floors: reads PIT's {@code mutations.xml} of one run over all business
 * packages, prints each package's numbers (also into {@code floors.md} beside the report) and fails
 * when a package scores below its floor or has no mutants at all (a renamed package must not slip
 * out of the check). Score as PIT counts it: killed, timed out, memory and run errors over all
 * mutants, uncovered ones included.
 * <p>
 * Run by the {@code mutation} profile after PIT: {@code MutationFloors <mutations.xml> <package>=<floor>...}
 * with packages relative to {@code org.hiremarket.core.internal}.
 */
public final class MutationFloors {

    private static final String BASE = "org.hiremarket.core.internal.";

    /** One package's counts. */
    record Tally(int mutants, int killed, int survived, int noCoverage, int timedOut) {
        double score() {
            return mutants == 0 ? 0 : 100.0 * killed / mutants;
        }

        Tally plus(String status) {
            boolean detected = switch (status) {
                case "KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR" -> true;
                default -> false;
            };
            return new Tally(mutants + 1, killed + (detected ? 1 : 0), survived + ("SURVIVED".equals(status) ? 1 : 0),
                    noCoverage + ("NO_COVERAGE".equals(status) ? 1 : 0), timedOut + ("TIMED_OUT".equals(status) ? 1 : 0));
        }
    }

    private MutationFloors() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: MutationFloors <mutations.xml> <package>=<floor>...");
        }
        Path report = Path.of(args[0]);
        Map<String, Integer> floors = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            floors.put(kv[0], Integer.parseInt(kv[1]));
        }
        Map<String, Tally> tallies;
        try (InputStream in = Files.newInputStream(report)) {
            tallies = tally(in, floors.keySet());
        }
        List<String> failures = check(tallies, floors);
        String table = table(tallies, floors);
        System.out.print(table);
        Files.writeString(report.resolveSibling("floors.md"), table, StandardCharsets.UTF_8);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("mutation score below its floor: " + String.join("; ", failures));
        }
    }

    /** Counts the mutants of each package (sub-packages included) by status. */
    static Map<String, Tally> tally(InputStream mutationsXml, Iterable<String> packages) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(mutationsXml);
        Map<String, Tally> out = new LinkedHashMap<>();
        for (String p : packages) {
            out.put(p, new Tally(0, 0, 0, 0, 0));
        }
        NodeList mutations = doc.getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String mutated = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            for (String p : packages) {
                if (mutated.startsWith(BASE + p + ".")) {
                    out.put(p, out.get(p).plus(m.getAttribute("status")));
                }
            }
        }
        return out;
    }

    /** @return one line per package below its floor or without mutants; empty when all hold */
    static List<String> check(Map<String, Tally> tallies, Map<String, Integer> floors) {
        List<String> failures = new ArrayList<>();
        floors.forEach((p, floor) -> {
            Tally t = tallies.get(p);
            if (t == null || t.mutants() == 0) {
                failures.add(p + " has no mutants (renamed, or not in PIT's targetClasses?)");
            } else if (t.score() < floor) {
                failures.add(String.format(Locale.ROOT, "%s %.1f %% < %d %%", p, t.score(), floor));
            }
        });
        return failures;
    }

    static String table(Map<String, Tally> tallies, Map<String, Integer> floors) {
        StringBuilder sb = new StringBuilder(
                "| package | mutants | killed | survived | no coverage | timed out | score | floor |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        tallies.forEach((p, t) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f %% | %d %% |%n",
                p, t.mutants(), t.killed(), t.survived(), t.noCoverage(), t.timedOut(), t.score(), floors.get(p))));
        return sb.toString();
    }
}
