package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.marketplace.MarketplaceService;
import org.hiremarket.core.internal.marketplace.Views.IntegrationAdminView;
import org.hiremarket.core.internal.partner.OfferService;

@Command(scope = "marketplace", name = "integrations",
        description = "Lists the integrations the host knows: deployed, refused and absent ones, with the partner"
                + " whose approved offer names each and that offer's state")
@Service
public class IntegrationsCommand implements Action {

    @Option(name = "-v", aliases = "--verbose", description = "Also print why refused integrations were refused")
    boolean verbose;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    MarketplaceService marketplace;

    @Reference
    OfferService offers;

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
        table.column("Health");
        table.column("Circuit");
        table.column("Calls/failed").alignRight();
        table.column("Partner");
        table.column("Offer");
        var list = marketplace.adminList();
        // the partner an approved offer ties the integration to, and that offer's state now
        java.util.Map<String, String[]> partners = offers.integrationPartners();
        for (IntegrationAdminView v : list) {
            table.addRow().addContent(v.id(), v.name(), v.kind() == null ? "-" : v.kind(), v.vendor(),
                    v.bundleId() == null ? "-" : v.bundle() + " [" + v.bundleId() + "]", v.state(),
                    v.active() ? "yes" : "no", v.connections(), v.health().status(), v.health().circuit(),
                    v.health().calls() + "/" + v.health().failures(),
                    partners.containsKey(v.id()) ? partners.get(v.id())[0] : "-",
                    partners.containsKey(v.id()) ? partners.get(v.id())[1] : "-");
        }
        table.print(System.out, !noFormat);
        if (verbose) {
            for (IntegrationAdminView v : list) {
                v.problems().forEach(p -> System.out.println(v.id() + ": " + p));
                if (v.health().lastFailure() != null) {
                    System.out.println(v.id() + ": last failure at " + v.health().lastFailureAt() + ": "
                            + v.health().lastFailure() + (v.health().retryAfter() == null ? ""
                                    : " (calls paused until " + v.health().retryAfter() + ")"));
                }
            }
        }
        return null;
    }
}
