package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.AgencyViews.AgencyAdminView;

@Command(scope = "marketplace", name = "agencies", description = "Lists recruiting agencies (partners that joined as"
        + " recruiters): verification, profile, activation, customers and assignments")
@Service
public class AgenciesCommand implements Action {

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    AgencyService agencies;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Email");
        table.column("Company");
        table.column("Verified");
        table.column("Profile");
        table.column("Activated");
        table.column("Customers").alignRight();
        table.column("Assignments").alignRight();
        for (AgencyAdminView a : agencies.adminAgencies()) {
            table.addRow().addContent(a.id(), a.email(), a.companyName(), a.verified() ? "yes" : "no",
                    a.profileSaved() ? "yes" : "no", a.activatedAt() == null ? "no" : a.activatedAt(), a.customers(),
                    a.assignments());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
