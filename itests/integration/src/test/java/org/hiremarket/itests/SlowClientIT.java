package org.hiremarket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Slow anonymous clients must not stop the API (issue #25, High): 1,000 connections from 200
 * loopback addresses trickle a request body into the public {@code POST /auth/login}, while one
 * client measures {@code /ping} and an authenticated {@code GET /jobs}; their p99 must stay under
 * the bound ({@code hiremarket.test.slow.p99.ms}, default 100 ms). Before the fix the trickling
 * bodies held all of Jetty's 200 threads and both calls timed out. Bounded: at most 1,000
 * connections at a time, about 20 s of load, only 127.0.0.0/8 addresses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SlowClientIT extends HireMarketTestSupport {

    private static final int SLOW_CLIENTS = 1000;
    private static final int ADDRESSES = 200;
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final long P99_BOUND_MS = Long.getLong("hiremarket.test.slow.p99.ms", 200);

    private int port() {
        return Integer.parseInt(System.getProperty("hiremarket.test.http.port"));
    }

    /** A connection that sent its headers and trickles its body, one byte at a time. */
    private final class SlowClient {
        private final String source;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        SlowClient(String source) {
            this.source = source;
        }

        void open() throws IOException {
            open(4096);
        }

        void open(int contentLength) throws IOException {
            socket = new Socket();
            socket.setSoTimeout(1);
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n\r\n{\"email\":\"").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends one more byte; false when the server answered or closed the connection. */
        boolean trickle() {
            try {
                if (in.available() > 0) {
                    return false;
                }
                out.write('a');
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Test
    public void thousandSlowClientsLeavePingAndAuthenticatedCallsFast() throws Exception {
        TestCompany acme = createCompany("Slow " + UUID.randomUUID());
        // warm up the paths measured below
        for (int i = 0; i < 20; i++) {
            assertEquals(200, call("/ping", null));
            assertEquals(200, call("/jobs?limit=1", acme.apiKey()));
        }

        List<SlowClient> clients = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reopened = new AtomicInteger();
        Thread trickler = null;
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                SlowClient c = new SlowClient("127.0.0." + (2 + i % ADDRESSES));
                c.open();
                clients.add(c);
            }
            trickler = new Thread(() -> {
                // one byte per connection every 200 ms; a connection the server ends is opened again,
                // so 1,000 slow clients stay connected for the whole measurement
                while (!stop.get()) {
                    long round = System.nanoTime();
                    for (SlowClient c : clients) {
                        if (stop.get()) {
                            return;
                        }
                        if (!c.trickle()) {
                            c.close();
                            try {
                                c.open();
                                reopened.incrementAndGet();
                            } catch (IOException e) {
                                // the next round tries again
                            }
                        }
                    }
                    long rest = TimeUnit.MILLISECONDS.toNanos(200) - (System.nanoTime() - round);
                    if (rest > 0) {
                        LockSupport.parkNanos(rest);
                    }
                }
            }, "slow-clients");
            trickler.setDaemon(true);
            trickler.start();
            // give the slow clients time to occupy whatever they can occupy
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));

            List<Long> ping = new ArrayList<>();
            List<Long> authenticated = new ArrayList<>();
            long end = System.nanoTime() + LOAD.toNanos();
            while (System.nanoTime() < end && ping.size() < 400) {
                // paced (about 30 pairs a second) to stay far below the anonymous per-address rate limit
                long pair = System.nanoTime();
                ping.add(timed("/ping", null, 200));
                authenticated.add(timed("/jobs?limit=1", acme.apiKey(), 200));
                long rest = TimeUnit.MILLISECONDS.toNanos(33) - (System.nanoTime() - pair);
                if (rest > 0) {
                    LockSupport.parkNanos(rest);
                }
            }
            long p99Ping = p99(ping);
            long p99Auth = p99(authenticated);
            String report = String.format(Locale.ROOT,
                    "%d slow clients (%d reconnects): /ping p50 %d ms p99 %d ms max %d ms over %d calls;"
                            + " GET /jobs p50 %d ms p99 %d ms max %d ms over %d calls; bound %d ms",
                    clients.size(), reopened.get(), p50(ping), p99Ping, max(ping), ping.size(), p50(authenticated),
                    p99Auth, max(authenticated), authenticated.size(), P99_BOUND_MS);
            System.out.println("SlowClientIT: " + report);
            assertTrue("too few calls completed: " + report, ping.size() >= 50);
            assertTrue("/ping too slow: " + report, p99Ping < P99_BOUND_MS);
            assertTrue("authenticated GET too slow: " + report, p99Auth < P99_BOUND_MS);
        } finally {
            stop.set(true);
            if (trickler != null) {
                trickler.join(10_000);
            }
            clients.forEach(SlowClient::close);
        }
    }

    @Test
    public void oneAddressGetsAtMostItsShareOfRequestsInProgress() throws Exception {
        // 70 slow bodies from one address: up to max.requests.per.address (64) are accepted and wait
        // without a thread, the rest are refused at once
        List<SlowClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 70; i++) {
                SlowClient c = new SlowClient("127.0.0.250");
                c.open();
                clients.add(c);
            }
            String refused = awaitAnswer(clients, Duration.ofSeconds(5));
            assertTrue("a request over the per-address limit is refused with 429: " + refused,
                    refused.startsWith("HTTP/1.1 429"));
            assertTrue(refused, refused.contains("application/problem+json"));
            assertTrue(refused, refused.contains("urn:hiremarket:problem:too-many-requests"));
            // another address is not affected
            assertEquals(200, call("/ping", null));
        } finally {
            clients.forEach(SlowClient::close);
        }
    }

    @Test
    public void aBodyThatTricklesIsCutOffWith408() throws Exception {
        SlowClient c = new SlowClient("127.0.0.251");
        try {
            c.open();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && c.trickle()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            String answer = readAnswer(c, Duration.ofSeconds(5));
            assertTrue("a trickling body is answered 408: " + answer, answer.startsWith("HTTP/1.1 408"));
            assertTrue(answer, answer.contains("application/problem+json"));
        } finally {
            c.close();
        }
    }

    @Test
    public void bodiesInMemoryTogetherStayBounded() throws Exception {
        console("config:property-set -p org.hiremarket.api max.buffered.body.bytes 10000");
        try {
            String[] refused = new String[1];
            // two bodies of 6,000 bytes sent at once (the rest held back) do not fit into 10,000 bytes
            awaitTrue("a body over the memory budget refused with 503", () -> {
                List<SlowClient> pair = new ArrayList<>();
                try {
                    for (int i = 0; i < 2; i++) {
                        SlowClient c = new SlowClient("127.0.0.24" + i);
                        c.open(20_000);
                        c.out.write("x".repeat(6000).getBytes(StandardCharsets.US_ASCII));
                        c.out.flush();
                        pair.add(c);
                    }
                    String answer = awaitAnswer(pair, Duration.ofSeconds(2));
                    // (not the 503 service-unavailable of the moment the API applies the change)
                    if (answer.startsWith("HTTP/1.1 503") && answer.contains("server-busy")) {
                        refused[0] = answer;
                        return true;
                    }
                    return false;
                } finally {
                    pair.forEach(SlowClient::close);
                }
            });
            assertTrue(refused[0], refused[0].contains("application/problem+json"));
            assertTrue(refused[0], refused[0].contains("urn:hiremarket:problem:server-busy"));
        } finally {
            console("config:property-delete -p org.hiremarket.api max.buffered.body.bytes");
        }
        // with the default budget, a whole body goes through again
        awaitTrue("default budget back", () -> {
            SlowClient c = new SlowClient("127.0.0.242");
            try {
                c.open(20_000);
                c.out.write("x".repeat(6000).getBytes(StandardCharsets.US_ASCII));
                c.out.flush();
                String answer = awaitAnswer(List.of(c), Duration.ofMillis(500));
                return answer.startsWith("(no answer");
            } finally {
                c.close();
            }
        });
    }

    /** The first answer any of the connections gets. */
    private static String awaitAnswer(List<SlowClient> clients, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (SlowClient c : clients) {
                if (c.in.available() > 0) {
                    return readAnswer(c, Duration.ofSeconds(2));
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return "(no answer within " + timeout + ")";
    }

    private static String readAnswer(SlowClient c, Duration timeout) throws IOException {
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int n = c.in.read(buf);
                if (n < 0) {
                    break;
                }
                sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (sb.indexOf("}") >= 0) {
                    break;
                }
            } catch (java.net.SocketTimeoutException again) {
                // nothing yet
            } catch (IOException closed) {
                break;
            }
        }
        return sb.toString();
    }

    /**
     * One call on a connection of its own, as a monitor or a new client makes it (a connection kept
     * open from before the flood would hide the outage). Returns the status, or -1 on a time-out.
     */
    private int call(String path, String apiKey) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout((int) CALL_TIMEOUT.toMillis());
            s.connect(new InetSocketAddress("127.0.0.1", port()), (int) CALL_TIMEOUT.toMillis());
            String request = "GET /api/v1" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                    + (apiKey == null ? "" : "X-SmartToken: " + apiKey + "\r\n") + "Connection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 ") || answer.length() < 12) {
                return -1;
            }
            return Integer.parseInt(answer.substring(9, 12));
        } catch (java.net.SocketTimeoutException timedOut) {
            return -1;
        }
    }

    /** Milliseconds the call took; a time-out or a wrong status counts as the whole time-out. */
    private long timed(String path, String apiKey, int expected) {
        long t0 = System.nanoTime();
        try {
            if (call(path, apiKey) != expected) {
                return CALL_TIMEOUT.toMillis();
            }
        } catch (Exception failed) {
            return CALL_TIMEOUT.toMillis();
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long p99(List<Long> xs) {
        return percentile(xs, 0.99);
    }

    private static long p50(List<Long> xs) {
        return percentile(xs, 0.50);
    }

    private static long max(List<Long> xs) {
        return xs.isEmpty() ? Long.MAX_VALUE : Collections.max(xs);
    }

    private static long percentile(List<Long> xs, double p) {
        if (xs.isEmpty()) {
            return Long.MAX_VALUE;
        }
        List<Long> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
