package org.hiremarket.itests.faulty;

import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.Integration;
import org.osgi.service.component.annotations.Component;

/** Throws from {@code connect}, as a buggy vendor plugin would. */
@Component(service = Integration.class)
public class ThrowingBoard extends FaultyBoard {

    public ThrowingBoard() {
        super("faulty-throws", "Faulty board (throws)");
    }

    @Override
    public ConnectResult connect(ConnectionContext context) {
        throw new IllegalStateException("simulated bug in the vendor plugin");
    }
}
