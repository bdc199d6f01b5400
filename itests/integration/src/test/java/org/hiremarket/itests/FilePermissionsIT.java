package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

/**
 * A freshly unpacked and started distribution keeps its secrets to the account that runs it: the
 * database files, the mail outbox (activation tokens), the console users; no shutdown port any
 * local user could send the shutdown command to; and {@code bin/status} and {@code bin/stop} still work.
 */
public class FilePermissionsIT {

    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path home;
    private int httpPort;
    private int sshPort;
    private final Set<Integer> configuredPorts = new HashSet<>();
    private Process launcher;

    @After
    public void killKaraf() throws Exception {
        if (launcher == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(launcher.toHandle().descendants().toList());
        all.add(launcher.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    public void secretsArePrivateNoShutdownPortAndBinStopWorks() throws Exception {
        unpack();
        launcher = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()))
                .start();
        awaitTrue(() -> send("GET", "/integrations", null, null).statusCode() == 401);

        // a company, an administrator with an activation mail in the outbox
        String password = match(Commands.run(null, home.resolve("bin/add-console-user").toString(), "itest"),
                "(?m)^Password: (\\S+)");
        String created = console(password, "marketplace:company-create \"Private Inc\"");
        String apiKey = match(created, "(?m)^API key: (hm_\\S+)");
        HttpResponse<String> user = send("POST", "/users", apiKey, "{\"firstname\": \"Pat\", \"lastname\": \"Private\","
                + " \"email\": \"pat@example.com\", \"systemRole\": {\"id\": \"ADMINISTRATOR\"}, \"language\": {\"code\":"
                + " \"en\"}, \"location\": {\"countryCode\": \"US\", \"city\": \"Boston\"}}");
        assertEquals(user.body(), 201, user.statusCode());
        Path outbox = home.resolve("data/mail/outbox");
        awaitTrue(() -> Files.isDirectory(outbox) && list(outbox).size() > 0);

        assertPrivateTree(home.resolve("data/derby"));
        assertPrivateTree(outbox);
        assertPrivate(home.resolve("data"));
        assertPrivate(home.resolve("etc/users.properties"));
        try (Stream<Path> logs = Files.list(home.resolve("data/log"))) {
            for (Path p : logs.toList()) {
                assertPrivate(p);
            }
        }

        // no shutdown port: no port file, and the JVM listens on the configured ports only
        assertFalse("no shutdown port file", Files.exists(home.resolve("data/port")));
        long pid = Long.parseLong(Files.readString(home.resolve("karaf.pid")).trim());
        Set<Integer> listening = listeningPorts(pid);
        assertTrue("listens on HTTP: " + listening, listening.contains(httpPort));
        Set<Integer> unexpected = new HashSet<>(listening);
        unexpected.removeAll(configuredPorts);
        assertTrue("no port but the configured ones (a shutdown port?): " + unexpected, unexpected.isEmpty());

        // bin/status and bin/stop work without the port (through karaf.pid)
        String status = Commands.run(null, home.resolve("bin/status").toString());
        assertTrue(status, status.contains("Running"));
        Commands.run(null, home.resolve("bin/stop").toString());
        assertTrue("Karaf stopped", launcher.waitFor(90, TimeUnit.SECONDS));
        launcher = null;
    }

    // ------------------------------------------------------------------------------------------

    private static void assertPrivate(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        Set<PosixFilePermission> shared = new HashSet<>(perms);
        shared.retainAll(OTHERS);
        assertTrue(p + " is " + java.nio.file.attribute.PosixFilePermissions.toString(perms), shared.isEmpty());
    }

    private static void assertPrivateTree(Path root) throws IOException {
        assertTrue(root + " exists", Files.exists(root));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                assertPrivate(p);
            }
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** TCP ports a process listens on: its socket inodes matched against /proc/net/tcp and tcp6. */
    private static Set<Integer> listeningPorts(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher m = Pattern.compile("socket:\\[(\\d+)\\]").matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
            Path t = Path.of(table);
            if (!Files.exists(t)) {
                continue;
            }
            for (String line : Files.readAllLines(t)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (field 9)
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private void unpack() throws Exception {
        Path dist = Path.of(System.getProperty("hiremarket.distribution"));
        home = Path.of(System.getProperty("hiremarket.exam.dir")).resolve("permissions");
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
        configuredPorts.addAll(List.of(httpPort, sshPort, rmiRegistry, rmiServer));
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        set("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", rmiRegistry);
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", rmiServer);
    }

    private void set(String file, String key, int value) throws IOException {
        Path p = home.resolve(file);
        String s = Files.readString(p).replaceAll("(?m)^\\s*" + Pattern.quote(key) + "\\s*=.*$", key + " = " + value);
        Files.writeString(p, s);
    }

    private String console(String password, String command) throws Exception {
        for (int attempt = 0;; attempt++) {
            Commands.Result r = Commands.exec(home, command + "\n", home.resolve("bin/client").toString(), "-a",
                    String.valueOf(sshPort), "-u", "itest", "-p", password, "-b");
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

    private HttpResponse<String> send(String method, String path, String apiKey, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            b.header("X-SmartToken", apiKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check) {
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

    private static String match(String text, String regex) {
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
