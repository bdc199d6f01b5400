package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.marketplace.ConnectionService;
import org.hiremarket.core.internal.marketplace.Views.ConnectionAdminView;

@Command(scope = "marketplace", name = "connections", description = "Lists customers' connections to integrations")
@Service
public class ConnectionsCommand implements Action {

    @Option(name = "-c", aliases = "--company", description = "Only this company's connections")
    @Completion(CompanyIdCompleter.class)
    String companyId;

    @Option(name = "-i", aliases = "--integration", description = "Only connections to this integration")
    @Completion(IntegrationIdCompleter.class)
    String integrationId;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    ConnectionService connections;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Company");
        table.column("Integration");
        table.column("Status");
        table.column("Stored status");
        table.column("Detail");
        table.column("Updated");
        for (ConnectionAdminView v : connections.adminList(companyId, integrationId)) {
            table.addRow().addContent(v.id(), v.companyId(), v.integrationId(), v.status(), v.storedStatus(),
                    v.statusDetail() == null ? "" : v.statusDetail(), v.updatedAt());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
