package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private KarafProcess karaf;

    @After
    public void killKaraf() throws Exception {
        if (karaf != null) {
            karaf.kill();
        }
    }

    @Test
    public void secretsArePrivateNoShutdownPortAndBinStopWorks() throws Exception {
        karaf = new KarafProcess("permissions");
        Path home = karaf.home;
        karaf.start();
        KarafProcess.awaitTrue(() -> karaf.send("GET", "/integrations", null, null).statusCode() == 401);

        // a company, an administrator with an activation mail in the outbox
        String password = karaf.addConsoleUser("itest");
        String created = karaf.console("itest", password, "marketplace:company-create \"Private Inc\"");
        String apiKey = KarafProcess.match(created, "(?m)^API key: (hm_\\S+)");
        HttpResponse<String> user = karaf.send("POST", "/users", apiKey, "{\"firstname\": \"Pat\", \"lastname\": \"Private\","
                + " \"email\": \"pat@example.com\", \"systemRole\": {\"id\": \"ADMINISTRATOR\"}, \"language\": {\"code\":"
                + " \"en\"}, \"location\": {\"countryCode\": \"US\", \"city\": \"Boston\"}}");
        assertEquals(user.body(), 201, user.statusCode());
        Path outbox = home.resolve("data/mail/outbox");
        KarafProcess.awaitTrue(() -> Files.isDirectory(outbox) && list(outbox).size() > 0);

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
        Map<Integer, String> sockets = listeningSockets(pid);
        Set<Integer> listening = sockets.keySet();
        assertTrue("listens on HTTP: " + listening, listening.contains(karaf.httpPort));
        Set<Integer> unexpected = new HashSet<>(listening);
        unexpected.removeAll(karaf.ports);
        assertTrue("no port but the configured ones (a shutdown port?): " + unexpected, unexpected.isEmpty());

        assertTrue("listens on JMX: " + listening, listening.containsAll(karaf.ports));
        // every listener on the loopback address only, as the README promises: HTTP, console, JMX
        sockets.forEach((port, address) -> assertTrue("port " + port + " listens on " + address + ", not 127.0.0.1",
                LOOPBACK.contains(address)));
        // the first start of a fresh data/ shows no stack trace (the JMX connector printed one when
        // its configuration arrived again while it was starting) and no JAVA_HOME warning
        String console = Files.readString(home.resolve("console.out"));
        assertFalse(console, console.contains("Exception") || console.contains("JAVA_HOME not set"));

        // bin/status and bin/stop work without the port (through karaf.pid)
        String status = Commands.run(null, home.resolve("bin/status").toString());
        assertTrue(status, status.contains("Running"));
        Commands.run(null, home.resolve("bin/stop").toString());
        assertTrue("Karaf stopped", karaf.awaitExit(90));
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

    /** 127.0.0.1 and ::1 as /proc/net/tcp and tcp6 write them (IPv4 also mapped into IPv6). */
    private static final Set<String> LOOPBACK = Set.of("0100007F", "0000000000000000FFFF00000100007F",
            "00000000000000000000000001000000");

    /**
     * TCP ports a process listens on, each with its local address as /proc/net writes it: its socket
     * inodes matched against /proc/net/tcp and tcp6.
     */
    private static Map<Integer, String> listeningSockets(long pid) throws IOException {
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
        Map<Integer, String> ports = new java.util.TreeMap<>();
        for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
            Path t = Path.of(table);
            if (!Files.exists(t)) {
                continue;
            }
            for (String line : Files.readAllLines(t)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ... inode (field 9)
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    int colon = f[1].indexOf(':');
                    ports.put(Integer.parseInt(f[1].substring(colon + 1), 16), f[1].substring(0, colon));
                }
            }
        }
        return ports;
    }
}
