package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.posting.PostingService;
import org.hiremarket.core.internal.posting.PostingViews.PostingAdminView;

@Command(scope = "marketplace", name = "postings", description = "Lists job-board postings of every company, newest first")
@Service
public class PostingsCommand implements Action {

    @Option(name = "-c", aliases = "--company", description = "Only this company's postings")
    @Completion(CompanyIdCompleter.class)
    String companyId;

    @Option(name = "-i", aliases = "--integration", description = "Only postings on this job board")
    @Completion(IntegrationIdCompleter.class)
    String integrationId;

    @Option(name = "-s", aliases = "--status", description = "Only postings in this status")
    @Completion(value = StringsCompleter.class, values = { "PENDING", "LIVE", "UPDATE_PENDING", "WITHDRAWN", "EXPIRED",
            "FAILED" })
    String status;

    @Option(name = "-n", aliases = "--limit", description = "Show at most this many postings (default 50)")
    int limit = 50;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    PostingService postings;

    @Override
    public Object execute() {
        if (limit < 1 || limit > 10_000) {
            System.err.println("--limit must be between 1 and 10000");
            return null;
        }
        java.util.List<PostingAdminView> rows;
        try {
            rows = postings.adminList(companyId, integrationId, status, limit);
        } catch (ApiException e) {
            System.err.println("Unknown status '" + status + "'; one of PENDING, LIVE, UPDATE_PENDING, WITHDRAWN,"
                    + " EXPIRED, FAILED");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Company");
        table.column("Job");
        table.column("Integration");
        table.column("Status");
        table.column("Reference");
        table.column("Applications").alignRight();
        table.column("Pending");
        table.column("Attempts").alignRight();
        table.column("Updated");
        table.column("Last error");
        for (PostingAdminView v : rows) {
            table.addRow().addContent(v.id(), v.companyId(), v.jobId(), v.integrationId(), v.status(),
                    v.boardReference() == null ? "" : v.boardReference(), v.applications(),
                    v.pending() == null ? "" : v.pending(), v.attempts(), v.updatedAt(),
                    v.lastError() == null ? "" : v.lastError());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
