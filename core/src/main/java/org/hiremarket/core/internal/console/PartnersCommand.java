package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.PartnerViews.PartnerAdminView;

@Command(scope = "marketplace", name = "partners",
        description = "Lists the partner (vendor) accounts: verification, vendor type, profile, offers and tokens")
@Service
public class PartnersCommand implements Action {

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    OfferService offers;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Email");
        table.column("Company");
        table.column("Verified");
        table.column("Type");
        table.column("Profile");
        table.column("Logo");
        table.column("Approved").alignRight();
        table.column("Pending").alignRight();
        table.column("Tokens").alignRight();
        table.column("Created");
        for (PartnerAdminView p : offers.partners()) {
            table.addRow().addContent(p.id(), p.email(), p.companyName(), p.verified() ? "yes" : "no",
                    p.vendorType() == null ? "-" : p.vendorType(), p.profileSaved() ? "yes" : "no",
                    p.logo() ? "yes" : "no", p.offersApproved(), p.offersPending(), p.liveTokens(), p.createdAt());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
