package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.PartnerViews.OfferAdminView;

@Command(scope = "marketplace", name = "offer-approve", description = "Approves an offer waiting for approval: customers"
        + " see it beside its integration, and the partner is told by mail")
@Service
public class OfferApproveCommand implements Action {

    @Argument(index = 0, name = "id", description = "The offer's id (marketplace:offers -s PENDING_APPROVAL)",
            required = true)
    String id;

    @Reference
    OfferService offers;

    @Override
    public Object execute() {
        OfferAdminView o = Console.run(() -> offers.approve(id));
        System.out.println("Offer " + o.id() + " (" + o.name() + ") of " + o.partnerCompany()
                + " approved; shown beside integration " + o.integrationId());
        return null;
    }
}
