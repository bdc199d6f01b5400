package org.hiremarket.resume.internal;

import static org.junit.Assume.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import org.hiremarket.resume.ParsedResume;
import org.junit.Test;

/**
 * Resume parse time per document: p50/p99 over 200 generated PDFs and 200 generated DOCX (four
 * layouts, every document with its own name, contact details, employers and skills), each through
 * {@link TikaResumeParser#parse} as the host calls it (worker hand-off, detection, Tika extraction,
 * field extraction). Baseline measured in the same run: the same 200 resumes as plain text through
 * the same parser (detection, charset detection, field extraction), so the ratios show what the PDF
 * and DOCX formats cost on top. Skipped unless {@code -Dbench=true}:
 *
 * <pre>mvn -B -ntp -o test -pl resume -Dtest=ResumeParseBench -Dbench=true [-Dbench.docs=200]</pre>
 */
public class ResumeParseBench {

    private static final String[] FIRST = {"Jane", "Omar", "Li", "Priya", "Lukas", "Sofia", "Kwame", "Elena"};
    private static final String[] LAST = {"Doe", "Haddad", "Wei", "Sharma", "Becker", "Rossi", "Mensah", "Petrova"};
    private static final String[] EMPLOYERS = {"Acme Ltd", "Globex Corporation", "Initech", "Umbrella plc", "Hooli",
            "Stark Industries", "Wayne Enterprises", "Cyberdyne Systems"};
    private static final String[] SKILLS = {"Java", "Kotlin", "Python", "SQL", "Kubernetes", "Kafka", "React",
            "Terraform", "Go", "Rust", "Spark", "Airflow", "PostgreSQL", "Docker"};

    @Test
    public void parseTimePerDocument() {
        assumeTrue("set -Dbench=true to run the resume parse bench", Boolean.getBoolean("bench"));
        int n = Integer.getInteger("bench.docs", 200);
        Random random = new Random(29);
        List<List<String>> resumes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            resumes.add(resume(i, random));
        }
        try (TikaResumeParser parser = new TikaResumeParser()) {
            long t0 = System.nanoTime();
            List<byte[]> pdfs = generate(resumes, Documents::pdf);
            long t1 = System.nanoTime();
            List<byte[]> docxs = generate(resumes, Documents::docx);
            long t2 = System.nanoTime();
            List<byte[]> texts = generate(resumes, Documents::text);
            System.out.printf(Locale.ROOT, "generated %d resumes: PDF %d KiB avg (%.1f s), DOCX %d KiB avg (%.1f s)%n", n,
                    avg(pdfs) / 1024, (t1 - t0) / 1e9, avg(docxs) / 1024, (t2 - t1) / 1e9);
            // warm-up: class loading and the JIT, on every format, then measure interleaved rounds
            for (int round = 0; round < 2; round++) {
                run(parser, pdfs, "x.pdf");
                run(parser, docxs, "x.docx");
                run(parser, texts, "x.txt");
            }
            double[] pdf = run(parser, pdfs, "resume.pdf");
            double[] docx = run(parser, docxs, "resume.docx");
            double[] text = run(parser, texts, "resume.txt");
            double[] fields = new double[n];
            for (int i = 0; i < n; i++) {
                String plain = new String(texts.get(i), java.nio.charset.StandardCharsets.UTF_8);
                long s = System.nanoTime();
                FieldExtractor.extract(plain, "text/plain", List.of());
                fields[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(fields);
            System.out.println();
            System.out.printf(Locale.ROOT, "resume parse time per document, %d documents each, %d cores%n", n,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %11s%n", "", "p50 ms", "p99 ms", "mean ms", "p50 ratio");
            line("text (baseline: same resumes)", text, text);
            line("PDF (PDFBox)", pdf, text);
            line("DOCX (POI, SAX extractor)", docx, text);
            line("field extraction alone", fields, text);
        }
    }

    private static void line(String label, double[] sorted, double[] base) {
        System.out.printf(Locale.ROOT, "%-34s %9.2f %9.2f %9.2f %10.1fx%n", label, pct(sorted, 50), pct(sorted, 99),
                Arrays.stream(sorted).average().orElse(0), pct(sorted, 50) / pct(base, 50));
    }

    private static double[] run(TikaResumeParser parser, List<byte[]> docs, String name) {
        double[] ms = new double[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            long s = System.nanoTime();
            ParsedResume r = parser.parse(docs.get(i), name);
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (r.email() == null || r.experience().isEmpty()) {
                throw new AssertionError("bench document " + i + " (" + name + ") lost its fields: " + r);
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static long avg(List<byte[]> docs) {
        return docs.stream().mapToLong(d -> d.length).sum() / docs.size();
    }

    private static List<byte[]> generate(List<List<String>> resumes, Function<List<String>, byte[]> writer) {
        List<byte[]> out = new ArrayList<>();
        for (List<String> r : resumes) {
            out.add(writer.apply(r));
        }
        return out;
    }

    /** One of the four sample layouts with its own person, employers, years and skills; longer ones too. */
    static List<String> resume(int i, Random random) {
        List<String> base = switch (i % 4) {
            case 0 -> Samples.CLASSIC;
            case 1 -> Samples.US;
            case 2 -> Samples.LABELLED;
            default -> Samples.CLASSIC;
        };
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        List<String> out = new ArrayList<>();
        for (String line : base) {
            out.add(line.replace("Jane Doe", first + " " + last).replace("JOHN SMITH", (first + " " + last).toUpperCase())
                    .replace("Anna M\u00fcller", first + " " + last)
                    .replace("jane.doe", first.toLowerCase() + "." + last.toLowerCase() + i)
                    .replace("John.Smith", first + "." + last + i)
                    .replace("anna.mueller", first.toLowerCase() + i)
                    .replace("Acme Ltd", EMPLOYERS[random.nextInt(EMPLOYERS.length)])
                    .replace("Globex Corporation", EMPLOYERS[random.nextInt(EMPLOYERS.length)])
                    .replace("2016", String.valueOf(2005 + random.nextInt(12))));
        }
        // every fourth resume is long: ten more positions with descriptions, and a longer skills list
        if (i % 4 == 3) {
            int at = out.indexOf("Education");
            List<String> more = new ArrayList<>();
            for (int p = 0; p < 10; p++) {
                int from = 1990 + p * 2;
                more.add("Engineer at " + EMPLOYERS[random.nextInt(EMPLOYERS.length)]);
                more.add(from + " \u2013 " + (from + 2));
                for (int b = 0; b < 4; b++) {
                    more.add("\u2022 Delivered project number " + (p * 4 + b) + " on time and within the agreed budget.");
                }
            }
            out.addAll(at, more);
        }
        StringBuilder skills = new StringBuilder();
        for (int s = 0; s < 6 + random.nextInt(6); s++) {
            skills.append(s == 0 ? "" : ", ").append(SKILLS[random.nextInt(SKILLS.length)]);
        }
        if (i % 4 != 1) {
            out.add(skills.toString());
        }
        return out;
    }
}
