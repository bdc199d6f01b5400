package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.OfferStatus;
import org.hiremarket.core.internal.partner.PartnerViews.OfferAdminView;

@Command(scope = "marketplace", name = "offers", description = "Lists partners' offers, most recently changed first;"
        + " approve or reject those PENDING_APPROVAL with offer-approve and offer-reject")
@Service
public class OffersCommand implements Action {

    @Option(name = "-s", aliases = "--status", description = "Only offers in this status")
    @Completion(value = StringsCompleter.class, values = { "DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED",
        "WITHDRAWN" })
    String status;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    OfferService offers;

    @Override
    public Object execute() {
        OfferStatus filter = null;
        if (status != null) {
            try {
                filter = OfferStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("Unknown status '" + status + "'; one of DRAFT, PENDING_APPROVAL, APPROVED, REJECTED,"
                        + " WITHDRAWN");
                return null;
            }
        }
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Partner");
        table.column("Kind");
        table.column("Name");
        table.column("Integration");
        table.column("Status");
        table.column("Visible");
        table.column("Submitted");
        table.column("Updated");
        table.column("Reason");
        for (OfferAdminView o : offers.adminList(filter)) {
            table.addRow().addContent(o.id(), o.partnerCompany(), o.kind(), o.name(), o.integrationId(), o.status(),
                    o.visible() ? "yes" : "no", o.submittedAt() == null ? "" : o.submittedAt(), o.updatedAt(),
                    o.rejectionReason() == null ? "" : o.rejectionReason());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
