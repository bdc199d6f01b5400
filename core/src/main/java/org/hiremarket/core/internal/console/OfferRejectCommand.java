package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.partner.OfferService;
import org.hiremarket.core.internal.partner.PartnerViews.OfferAdminView;

@Command(scope = "marketplace", name = "offer-reject", description = "Rejects an offer waiting for approval with a"
        + " reason the partner sees (and is mailed); a version approved before stays visible")
@Service
public class OfferRejectCommand implements Action {

    @Argument(index = 0, name = "id", description = "The offer's id (marketplace:offers -s PENDING_APPROVAL)",
            required = true)
    String id;

    @Argument(index = 1, name = "reason", description = "Why, in a sentence the partner can act on (quote it)",
            required = true)
    String reason;

    @Reference
    OfferService offers;

    @Override
    public Object execute() {
        OfferAdminView o = Console.run(() -> offers.reject(id, reason));
        System.out.println("Offer " + o.id() + " (" + o.name() + ") of " + o.partnerCompany() + " rejected: "
                + o.rejectionReason());
        return null;
    }
}
