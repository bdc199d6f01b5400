package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a command line from a test: bounded in time, and it must succeed. */
final class Commands {

    private Commands() {
    }

    /**
     * Runs {@code command} in {@code dir} (the current directory when null) and returns what it printed
     * (standard output and error); fails the test when it exits non-zero or runs longer than 60 s.
     */
    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("hiremarket-command", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after 60 s: " + String.join(" ", command));
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(String.join(" ", command) + " printed: " + out, 0, p.exitValue());
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
