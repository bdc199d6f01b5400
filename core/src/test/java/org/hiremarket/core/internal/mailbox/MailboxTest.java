package org.hiremarket.core.internal.mailbox;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hiremarket.core.internal.common.TestConfigs;
import org.hiremarket.core.internal.marketplace.IntegrationRegistry;
import org.hiremarket.core.internal.marketplace.MarketplaceConfig;
import org.hiremarket.core.internal.marketplace.RegisteredIntegration;
import org.hiremarket.core.internal.marketplace.TestDescriptors;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The mailbox engine with kinds of its own: what it does for every kind, whatever the letters are. */
public class MailboxTest {

    private IntegrationRegistry registry;
    private final ManualExecutor workers = new ManualExecutor();
    private final ManualExecutor background = new ManualExecutor();
    private Mailbox mailbox;
    private final TestDescriptors.Board board = new TestDescriptors.Board(TestDescriptors.jobBoard("board-a"));

    /** A kind whose letters are ids in memory; it records what it is asked. */
    private static final class Kind implements Letters {
        final String name;
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final List<String> postponed = new CopyOnWriteArrayList<>();
        final List<String> available = new CopyOnWriteArrayList<>();
        final List<Due> due = new ArrayList<>();

        Kind(String name) {
            this.name = name;
        }

        @Override
        public String kind() {
            return name;
        }

        @Override
        public boolean deliversTo(RegisteredIntegration integration) {
            return true;
        }

        @Override
        public List<Due> due(long from, long now, int limit) {
            return List.copyOf(due);
        }

        @Override
        public void postpone(String integrationId, long now, long until) {
            postponed.add(integrationId + "@" + (until - now));
        }

        @Override
        public void integrationAvailable(RegisteredIntegration integration, long now) {
            available.add(integration.id());
        }

        @Override
        public void deliver(String id, RegisteredIntegration integration, Runnable vendorAnswered) {
            delivered.add(id);
            vendorAnswered.run();
        }
    }

    @Before
    public void open() throws Exception {
        registry = new IntegrationRegistry(TestConfigs.config(MarketplaceConfig.class, Map.of(
                "plugin_max_concurrent_calls", 4, "secrets_key_file",
                Files.createTempDirectory("hm-mailbox").resolve("secret.key").toString())));
        mailbox = new Mailbox(registry, TestConfigs.config(MailboxConfig.class, Map.of()), () -> 1_000_000L, workers,
                background, false);
    }

    @After
    public void close() {
        mailbox.deactivate();
        TestDescriptors.stopRegistry(registry);
    }

    @Test
    public void aKindThatLeavesHasItsQueuedLettersForgottenAndTheOthersStillGo() {
        TestDescriptors.deploy(registry, board, 1, "org.example.boarda");
        background.runAll();
        Kind orders = new Kind("order");
        Kind postings = new Kind("posting");
        mailbox.join(orders);
        mailbox.join(postings);
        background.runAll();
        assertEquals("joining makes the available integrations' letters due", List.of("board-a"), orders.available);
        assertEquals(List.of("board-a"), postings.available);

        mailbox.enqueue(orders, "o-1", "board-a");
        mailbox.enqueue(postings, "p-1", "board-a");
        mailbox.leave(orders);
        mailbox.dispatchRound();
        workers.runAll();
        assertEquals(List.of(), orders.delivered);
        assertEquals(List.of("p-1"), postings.delivered);

        mailbox.enqueue(postings, "p-1", "board-a");
        mailbox.enqueue(postings, "p-1", "board-a");
        mailbox.dispatchRound();
        assertEquals("one letter is queued once", 1, workers.runAll());
    }

    @Test
    public void kindsShareAnIntegrationsDeliverySlotsAndAnAbsentIntegrationsLettersWait() {
        TestDescriptors.deploy(registry, board, 1, "org.example.boarda");
        Kind orders = new Kind("order");
        Kind postings = new Kind("posting");
        mailbox.join(orders);
        mailbox.join(postings);
        for (int i = 0; i < 3; i++) {
            mailbox.enqueue(orders, "o-" + i, "board-a");
            mailbox.enqueue(postings, "p-" + i, "board-a");
        }
        mailbox.dispatchRound();
        // 4 calls at once per integration, 2 of them kept for interactive calls: both kinds together
        assertEquals(2, workers.pending());
        assertEquals(2, mailbox.inflight());
        mailbox.dispatchRound();
        assertEquals("no more while those two run", 2, workers.pending());
        assertEquals(2, workers.runAll());
        assertEquals(0, mailbox.inflight());
        mailbox.dispatchRound();
        assertEquals(2, workers.runAll());
        mailbox.dispatchRound();
        assertEquals(2, workers.runAll());
        assertEquals(3, orders.delivered.size());
        assertEquals(3, postings.delivered.size());

        mailbox.enqueue(orders, "o-away", "board-b");
        mailbox.dispatchRound();
        assertEquals(0, workers.pending());
        assertEquals("an absent integration's letters wait a minute", List.of("board-b@" + Mailbox.ABSENT_RECHECK_MS),
                orders.postponed);
    }
}
