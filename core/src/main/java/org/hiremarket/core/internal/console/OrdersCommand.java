package org.hiremarket.core.internal.console;

import java.util.Locale;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.assessment.AssessmentService;
import org.hiremarket.core.internal.assessment.AssessmentViews.OrderAdminView;
import org.hiremarket.core.internal.assessment.OrderStatus;

@Command(scope = "marketplace", name = "orders", description = "Lists assessment orders of every company, newest first")
@Service
public class OrdersCommand implements Action {

    @Option(name = "-c", aliases = "--company", description = "Only this company's orders")
    @Completion(CompanyIdCompleter.class)
    String companyId;

    @Option(name = "-i", aliases = "--integration", description = "Only orders to this integration")
    @Completion(IntegrationIdCompleter.class)
    String integrationId;

    @Option(name = "-s", aliases = "--status", description = "Only orders in this status")
    @Completion(value = StringsCompleter.class, values = { "PLACED", "SENT", "IN_PROGRESS", "COMPLETED", "FAILED",
            "CANCELLED", "EXPIRED" })
    String status;

    @Option(name = "-n", aliases = "--limit", description = "Show at most this many orders (default 50)")
    int limit = 50;

    @Option(name = "--summary", description = "Only the number of orders per status")
    boolean summary;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    AssessmentService assessments;

    @Override
    public Object execute() {
        OrderStatus st = null;
        if (status != null) {
            try {
                st = OrderStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("Unknown status '" + status + "'; one of PLACED, SENT, IN_PROGRESS, COMPLETED,"
                        + " FAILED, CANCELLED, EXPIRED");
                return null;
            }
        }
        if (limit < 1 || limit > 10_000) {
            System.err.println("--limit must be between 1 and 10000");
            return null;
        }
        ShellTable table = new ShellTable();
        if (summary) {
            table.column("Status");
            table.column("Orders").alignRight();
            for (Map.Entry<OrderStatus, Long> e : assessments.countByStatus(integrationId).entrySet()) {
                table.addRow().addContent(e.getKey(), e.getValue());
            }
            table.print(System.out, !noFormat);
            return null;
        }
        table.column("ID");
        table.column("Company");
        table.column("Integration");
        table.column("Package");
        table.column("Status");
        table.column("Attempts").alignRight();
        table.column("Placed");
        table.column("Updated");
        table.column("Last error");
        for (OrderAdminView v : assessments.adminList(companyId, integrationId, st, limit)) {
            table.addRow().addContent(v.id(), v.companyId(), v.integrationId(), v.packageId(), v.status(),
                    v.attempts(), v.placedAt(), v.updatedAt(), v.lastError() == null ? "" : v.lastError());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
