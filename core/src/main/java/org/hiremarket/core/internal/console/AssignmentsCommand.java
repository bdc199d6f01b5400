package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.agency.AgencyService;
import org.hiremarket.core.internal.agency.AgencyViews.AssignmentAdminView;
import org.hiremarket.core.internal.agency.AssignmentStatus;

@Command(scope = "marketplace", name = "assignments", description = "Lists jobs sent to agencies, newest first")
@Service
public class AssignmentsCommand implements Action {

    @Option(name = "-c", aliases = "--company", description = "Only this company's assignments")
    @Completion(CompanyIdCompleter.class)
    String companyId;

    @Option(name = "-s", aliases = "--status", description = "Only assignments in this status")
    @Completion(value = StringsCompleter.class, values = { "NEW", "IN_PROGRESS", "COMPLETED", "CANCELLED" })
    String status;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    AgencyService agencies;

    @Override
    public Object execute() {
        AssignmentStatus filter = null;
        if (status != null) {
            try {
                filter = AssignmentStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("Unknown status '" + status + "'; one of NEW, IN_PROGRESS, COMPLETED, CANCELLED");
                return null;
            }
        }
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Company");
        table.column("Job");
        table.column("Agency");
        table.column("Status");
        table.column("Submitted").alignRight();
        table.column("Sent");
        table.column("Updated");
        for (AssignmentAdminView a : agencies.adminAssignments(companyId, filter)) {
            table.addRow().addContent(a.id(), a.companyId(), a.jobId(), a.agencyName(), a.status(), a.submissions(),
                    a.sentAt(), a.updatedAt());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
