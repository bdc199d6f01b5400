package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.marketplace.MarketplaceService;

@Command(scope = "marketplace", name = "activate",
        description = "Offers a deployed integration to customers on the marketplace")
@Service
public class ActivateCommand implements Action {

    @Argument(index = 0, name = "integration", description = "The integration id", required = true)
    @Completion(IntegrationIdCompleter.class)
    String integrationId;

    @Reference
    MarketplaceService marketplace;

    @Override
    public Object execute() {
        var v = Console.run(() -> marketplace.activate(integrationId));
        System.out.println("Integration " + v.id() + " (" + v.name() + ") is now offered to customers");
        return null;
    }
}
