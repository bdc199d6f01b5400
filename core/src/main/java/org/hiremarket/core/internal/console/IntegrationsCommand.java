package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.Views.IntegrationAdminView;

@Command(scope = "marketplace", name = "integrations",
        description = "Lists the integrations the host knows: deployed, refused and absent ones")
@Service
public class IntegrationsCommand implements Action {

    @Option(name = "-v", aliases = "--verbose", description = "Also print why refused integrations were refused")
    boolean verbose;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    MarketplaceService marketplace;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Name");
        table.column("Kind");
        table.column("Vendor");
        table.column("Bundle");
        table.column("State");
        table.column("Active");
        table.column("Connections").alignRight();
        var list = marketplace.adminList();
        for (IntegrationAdminView v : list) {
            table.addRow().addContent(v.id(), v.name(), v.kind() == null ? "-" : v.kind(), v.vendor(),
                    v.bundleId() == null ? "-" : v.bundle() + " [" + v.bundleId() + "]", v.state(),
                    v.active() ? "yes" : "no", v.connections());
        }
        table.print(System.out, !noFormat);
        if (verbose) {
            for (IntegrationAdminView v : list) {
                v.problems().forEach(p -> System.out.println(v.id() + ": " + p));
            }
        }
        return null;
    }
}
