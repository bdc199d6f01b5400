package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a command line from a test, bounded in time. */
final class Commands {

    private static final long TIMEOUT_SECONDS = 60;

    private Commands() {
    }

    /** How a command ended: its exit code and what it printed (standard output and error). */
    record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code command} in {@code dir} (the current directory when null) and returns what it printed
     * (standard output and error); fails the test when it exits non-zero or runs longer than 60 s.
     */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Result r = exec(dir, null, command);
        assertEquals(String.join(" ", command) + " printed: " + r.output(), 0, r.exitCode());
        return r.output();
    }

    /**
     * Runs {@code command} in {@code dir} (the current directory when null) with {@code input} on its
     * standard input (none when null) and returns how it ended, whatever its exit code; fails the test
     * when it runs longer than 60 s.
     */
    static Result exec(Path dir, String input, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("hiremarket-command", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            try (var stdin = p.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
