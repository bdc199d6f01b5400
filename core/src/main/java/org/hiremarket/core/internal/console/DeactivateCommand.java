package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.marketplace.MarketplaceService;

@Command(scope = "marketplace", name = "deactivate", description = "Hides an integration from customers;"
        + " it refuses new connections, existing ones keep their state")
@Service
public class DeactivateCommand implements Action {

    @Argument(index = 0, name = "integration", description = "The integration id", required = true)
    @Completion(IntegrationIdCompleter.class)
    String integrationId;

    @Reference
    MarketplaceService marketplace;

    @Override
    public Object execute() {
        var v = Console.run(() -> marketplace.deactivate(integrationId));
        System.out.println("Integration " + v.id() + " is no longer offered to customers ("
                + v.connections() + " existing connection(s) unchanged)");
        return null;
    }
}
