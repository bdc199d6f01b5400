package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.core.internal.marketplace.PluginCallException.Reason;
import org.junit.Test;

/** What a customer is told when a plugin could not check a partner account. */
public class FailedCheckTest {

    @Test
    public void aPluginBugIsAPlainSentenceWithAReferenceNeverTheException() {
        ConnectResult r = ConnectionService.failedCheck("c-1", "faulty", new PluginCallException(Reason.THREW,
                "the integration failed in connect: IllegalStateException: secret internals",
                new IllegalStateException("secret internals")));
        assertFalse(r.isConnected());
        assertEquals("PLUGIN_ERROR", r.detail());
        assertFalse(r.description(), r.description().contains("secret internals")
                || r.description().contains("IllegalStateException"));
        assertTrue(r.description(), r.description().matches(".*reference [0-9a-f-]{36}\\..*"));
        ConnectResult again = ConnectionService.failedCheck("c-1", "faulty", new PluginCallException(Reason.THREW,
                "x", new IllegalStateException("x")));
        assertFalse("a reference of its own each time", again.description().equals(r.description()));
    }

    @Test
    public void aVendorsOwnRefusalKeepsItsCodeAndWords() {
        ConnectResult r = ConnectionService.failedCheck("c-1", "board", new PluginCallException(Reason.THREW,
                "Contract expired", IntegrationException.invalid("CONTRACT_EXPIRED", "Contract expired")));
        assertEquals("CONTRACT_EXPIRED", r.detail());
        assertEquals("The integration could not check the account: Contract expired", r.description());
    }

    @Test
    public void timeoutsAndBusyPluginsSayWhatHappened() {
        ConnectResult t = ConnectionService.failedCheck("c-1", "slow", new PluginCallException(Reason.TIMED_OUT,
                "the integration did not answer within 10 s", null));
        assertEquals("PLUGIN_TIMEOUT", t.detail());
        assertTrue(t.description().endsWith("did not answer within 10 s"));
        assertEquals("PLUGIN_BUSY", ConnectionService.failedCheck("c-1", "slow", new PluginCallException(Reason.BUSY,
                "too many calls", null)).detail());
        assertEquals("PLUGIN_ERROR", ConnectionService.failedCheck("c-1", "open", new PluginCallException(
                Reason.CIRCUIT_OPEN, "paused", null)).detail());
    }
}
