package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.core.internal.marketplace.MarketplaceFixture.FakeBoard;
import org.junit.After;
import org.junit.Test;

/**
 * What the registry decides when plugin services come and go: which service is usable, which is
 * refused and why, who takes over an id when its holder leaves, and who is told.
 */
public class IntegrationRegistryTest {

    private final MarketplaceConfig config = MarketplaceFixture.config(Map.of("plugin_call_timeout_ms", 200L));
    private final IntegrationRegistry registry = new IntegrationRegistry(config);
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final Consumer<RegisteredIntegration> listener = r -> told.add(r.id() + "@" + r.serviceId());

    {
        registry.onAvailable(listener);
    }

    @After
    public void tearDown() {
        registry.deactivate();
    }

    private void add(Object service, long serviceId, String bundle) {
        registry.addIntegration((org.hiremarket.api.integration.Integration) service,
                MarketplaceFixture.reference(serviceId, bundle));
    }

    private void remove(Object service, long serviceId) {
        registry.removeIntegration((org.hiremarket.api.integration.Integration) service,
                MarketplaceFixture.reference(serviceId, "x"));
    }

    private RegisteredIntegration service(long serviceId) {
        return registry.all().stream().filter(r -> r.serviceId() == serviceId).findFirst().orElseThrow();
    }

    @Test
    public void aValidServiceIsUsableUnderItsIdAndAnnounced() {
        FakeBoard board = new FakeBoard(MarketplaceFixture.board("board-a"));
        add(board, 1, "org.example.a");
        RegisteredIntegration r = registry.find("board-a").orElseThrow();
        assertEquals(new RegisteredIntegration("board-a", board.descriptor, board, 1, "org.example.a/1.2.3", 41,
                List.of()), r);
        assertTrue(r.usable());
        assertTrue(registry.isPresent("board-a"));
        assertEquals(List.of(r), registry.all());
        assertEquals(List.of("board-a@1"), told);
        assertSame(config, registry.config());
        assertEquals(Duration.ofMillis(200), registry.caller().timeout());
        assertEquals(Optional.empty(), registry.find(null));
        assertEquals(Optional.empty(), registry.find("other"));
        assertFalse(registry.isPresent("other"));
    }

    @Test
    public void aServiceWithoutADescriptorIsRefusedUnderItsServiceId() {
        add(new FakeBoard(null), 7, null);
        RegisteredIntegration r = service(7);
        assertEquals(new RegisteredIntegration("service-7", null, r.service(), 7, "?", -1,
                List.of("descriptor() returned null")), r);
        assertFalse(r.usable());
        assertFalse(registry.isPresent("service-7"));
        assertEquals(List.of(), told);
    }

    @Test
    public void aServiceWhoseDescriptorFailsIsRefusedWithTheReason() {
        FakeBoard throwing = new FakeBoard(null) {
            @Override
            public IntegrationDescriptor descriptor() {
                throw new IllegalStateException("no config");
            }
        };
        add(throwing, 8, "org.example.t");
        assertEquals(List.of("the integration failed in descriptor: IllegalStateException: no config"),
                service(8).problems());
        assertEquals("service-8", service(8).id());
        assertEquals(List.of(), told);
    }

    @Test
    public void anInvalidDescriptorIsRefusedWithEveryProblem() {
        FakeBoard invalid = new FakeBoard(new IntegrationDescriptor("board-x", "X", "V", IntegrationKind.ASSESSMENT, "1",
                "d", List.of(new DataScope("made.up", "x")), List.of(), List.of()));
        add(invalid, 9, "org.example.x");
        RegisteredIntegration r = service(9);
        assertEquals("board-x", r.id());
        assertEquals(DescriptorValidator.problems(invalid.descriptor, invalid), r.problems());
        assertEquals(2, r.problems().size());
        assertEquals(Optional.empty(), registry.find("board-x"));
        assertEquals(List.of(), told);
    }

    @Test
    public void aSecondServiceWithATakenIdWaitsAndTakesOverWhenTheFirstLeaves() {
        FakeBoard first = new FakeBoard(MarketplaceFixture.board("board-a"));
        FakeBoard second = new FakeBoard(MarketplaceFixture.board("board-a"));
        FakeBoard third = new FakeBoard(MarketplaceFixture.board("board-a"));
        add(first, 1, "org.example.first");
        add(third, 3, "org.example.third");
        add(second, 2, "org.example.second");
        assertEquals(List.of("integration id 'board-a' is already provided by org.example.first/1.2.3"),
                service(2).problems());
        assertEquals(List.of(1L, 2L, 3L), registry.all().stream().map(RegisteredIntegration::serviceId).toList());
        assertSame(first, registry.find("board-a").get().service());
        assertEquals(List.of("board-a@1"), told);

        remove(third, 3);
        assertSame("a waiting copy leaving changes nothing", first, registry.find("board-a").get().service());
        assertEquals(List.of("board-a@1"), told);

        remove(first, 1);
        RegisteredIntegration now = registry.find("board-a").orElseThrow();
        assertSame("the copy that came first takes over", second, now.service());
        assertEquals(2, now.serviceId());
        assertEquals("org.example.second/1.2.3", now.bundle());
        assertEquals(42, now.bundleId());
        assertEquals(List.of(), now.problems());
        assertEquals(List.of(now), registry.all());
        assertEquals(List.of("board-a@1", "board-a@2"), told);

        remove(second, 2);
        assertFalse(registry.isPresent("board-a"));
        assertEquals(List.of(), registry.all());
        remove(second, 2);
        assertEquals("removing an unknown service is harmless", List.of(), registry.all());
    }

    @Test
    public void onlyAValidCopyTakesOver() {
        FakeBoard first = new FakeBoard(MarketplaceFixture.board("board-a"));
        FakeBoard broken = new FakeBoard(new IntegrationDescriptor("board-a", "Broken", "V", IntegrationKind.AGENCY, "1",
                "d", List.of(new DataScope("jobs.read", "x")), List.of(), List.of()));
        add(first, 1, "org.example.first");
        add(broken, 2, "org.example.broken");
        add(new FakeBoard(null), 3, "org.example.none");
        remove(first, 1);
        assertEquals(Optional.empty(), registry.find("board-a"));
        assertEquals(List.of("board-a@1"), told);
        assertFalse(service(2).usable());
    }

    @Test
    public void allIsOrderedByIdThenServiceId() {
        add(new FakeBoard(MarketplaceFixture.board("zeta")), 1, "z");
        add(new FakeBoard(MarketplaceFixture.board("alpha")), 5, "a");
        add(new FakeBoard(MarketplaceFixture.board("alpha")), 4, "a2");
        add(new FakeBoard(MarketplaceFixture.board("mid")), 2, "m");
        assertEquals(List.of("alpha@4", "alpha@5", "mid@2", "zeta@1"),
                registry.all().stream().map(r -> r.id() + "@" + r.serviceId()).toList());
    }

    @Test
    public void aFailingListenerDoesNotKeepOthersFromBeingToldAndARemovedOneIsNotTold() {
        List<String> second = new CopyOnWriteArrayList<>();
        registry.onAvailable(r -> {
            throw new IllegalStateException("listener bug");
        });
        registry.onAvailable(r -> second.add(r.id()));
        add(new FakeBoard(MarketplaceFixture.board("board-a")), 1, "a");
        assertEquals(List.of("board-a@1"), told);
        assertEquals(List.of("board-a"), second);
        registry.removeListener(listener);
        add(new FakeBoard(MarketplaceFixture.board("board-b")), 2, "b");
        assertEquals(List.of("board-a@1"), told);
        assertEquals(List.of("board-a", "board-b"), second);
    }

    @Test
    public void aDeactivatedRegistryCallsNoPluginAnyMore() {
        IntegrationRegistry gone = new IntegrationRegistry(config);
        gone.deactivate();
        try {
            gone.caller().call("a", "op", () -> "never");
            org.junit.Assert.fail("called a plugin after the registry stopped");
        } catch (PluginCallException e) {
            assertEquals(PluginCallException.Reason.BUSY, e.reason());
        }
    }

    @Test
    public void theCallerFollowsTheConfiguration() throws Exception {
        IntegrationRegistry tight = new IntegrationRegistry(MarketplaceFixture.config(Map.of(
                "plugin_max_concurrent_calls", 1, "breaker_failure_rate", 100f, "breaker_window", 2,
                "breaker_minimum_calls", 2, "breaker_open_seconds", 120L)));
        try {
            PluginCaller c = tight.caller();
            assertEquals(Duration.ofMillis(10_000), c.timeout());
            for (int i = 0; i < 2; i++) {
                try {
                    c.call("i", "op", () -> {
                        throw new IllegalStateException("x");
                    });
                } catch (PluginCallException e) {
                    assertEquals(PluginCallException.Reason.THREW, e.reason());
                }
            }
            PluginCaller.Health h = c.health("i");
            assertEquals("OPEN", h.circuit());
            assertEquals(2, h.recentCalls());
            long pause = Duration.between(h.lastFailureAt(), h.retryAfter()).toSeconds();
            assertTrue("paused for the configured two minutes: " + pause, pause >= 119 && pause <= 120);
        } finally {
            tight.deactivate();
        }
    }
}
