package org.hiremarket.itests;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The built distribution unpacked into a folder of its own and run as a real process
 * ({@code bin/karaf server}), for tests of what Pax Exam's container hides: a {@code kill -9}, the
 * launch scripts, file modes. Ports are picked free; the console is reached through
 * {@code bin/client -b} with a user made by {@code bin/add-console-user}.
 */
final class KarafProcess implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Path home;
    final int httpPort;
    final int sshPort;
    /** Every port set in the configuration: HTTP, SSH, JMX registry and server. */
    final Set<Integer> ports;
    private Process launcher;

    /** Unpacks the distribution into {@code hiremarket.exam.dir/name} (emptied first) with free ports. */
    KarafProcess(String name) throws Exception {
        Path dist = Path.of(System.getProperty("hiremarket.distribution"));
        home = Path.of(System.getProperty("hiremarket.exam.dir")).resolve(name);
        if (Files.exists(home)) {
            try (Stream<Path> s = Files.walk(home)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(home);
        Commands.run(home, "tar", "xzf", dist.toString(), "--strip-components=1");
        httpPort = freePort();
        sshPort = freePort();
        int rmiRegistry = freePort();
        int rmiServer = freePort();
        ports = Set.of(httpPort, sshPort, rmiRegistry, rmiServer);
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        set("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", rmiRegistry);
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", rmiServer);
    }

    /** Sets {@code key = value} in an existing line of a configuration file under {@code etc/}. */
    void set(String file, String key, int value) throws IOException {
        Path p = home.resolve(file);
        String s = Files.readString(p).replaceAll("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$", key + " = " + value);
        Files.writeString(p, s);
    }

    /** Starts {@code bin/karaf server}; its output goes to {@code console.out}. */
    void start() throws IOException {
        launcher = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()))
                .start();
    }

    /** @return whether the process ended within the time (after {@code bin/stop}, say) */
    boolean awaitExit(long seconds) throws InterruptedException {
        boolean ended = launcher == null || launcher.waitFor(seconds, TimeUnit.SECONDS);
        if (ended) {
            launcher = null;
        }
        return ended;
    }

    /** SIGKILL to the Karaf JVM and its launcher script: no shutdown hook runs. */
    void kill() throws Exception {
        if (launcher == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(launcher.toHandle().descendants().toList());
        all.add(launcher.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        launcher = null;
    }

    @Override
    public void close() throws Exception {
        kill();
    }

    /** A console user for scripts; @return its password */
    String addConsoleUser(String name) throws Exception {
        return match(Commands.run(null, home.resolve("bin/add-console-user").toString(), name), "(?m)^Password: (\\S+)");
    }

    /** Runs a console command through {@code bin/client -b}, tried again while the console is not up yet. */
    String console(String user, String password, String command) throws Exception {
        for (int attempt = 0;; attempt++) {
            Commands.Result r = Commands.exec(home, command + "\n", home.resolve("bin/client").toString(), "-a",
                    String.valueOf(sshPort), "-u", user, "-p", password, "-b");
            String out = r.output().replace("\r", "");
            if (r.exitCode() == 0 && !out.contains("Authentication failed")) {
                return out;
            }
            if (attempt >= 10) {
                throw new AssertionError("console command failed: " + command + "\n" + out);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** An API call with an optional API key and extra headers (name, value, ...). */
    HttpResponse<String> send(String method, String path, String apiKey, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("X-SmartToken", apiKey);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls every 100 ms until the check holds, at most 120 s. */
    static void awaitTrue(Check check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                // not up yet
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new AssertionError("timed out after 120 s");
    }

    static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue("no " + regex + " in:\n" + text, m.find());
        return m.group(1);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
