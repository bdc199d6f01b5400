package org.hiremarket.itests.faulty;

import java.util.concurrent.TimeUnit;

import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.osgi.service.component.annotations.Component;

/**
 * Hangs in {@code connect} and even swallows interrupts, as a badly written plugin stuck on a
 * dead vendor would; it gives up after two minutes so the test container can shut down.
 */
@Component(service = Integration.class)
public class HangingBoard extends FaultyBoard {

    public HangingBoard() {
        super("faulty-hangs", "Faulty board (hangs)");
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            try {
                TimeUnit.MILLISECONDS.sleep(until - System.nanoTime() > 0 ? 1000 : 0);
            } catch (InterruptedException ignoredOnPurpose) {
                // a badly written plugin ignores the host's interrupt
            }
        }
        return ConnectResult.connected("finally");
    }
}
