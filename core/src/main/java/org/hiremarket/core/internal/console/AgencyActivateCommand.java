package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.partner.PartnerService;

@Command(scope = "marketplace", name = "agency-activate", description = "Activates a recruiter's agency account"
        + " (a verified partner that joined as RECRUITER and saved its company profile): customers can then send"
        + " it jobs")
@Service
public class AgencyActivateCommand implements Action {

    @Argument(index = 0, name = "id", description = "The partner id (marketplace:agencies)", required = true)
    String id;

    @Reference
    PartnerService partners;

    @Override
    public Object execute() {
        var a = Console.run(() -> partners.activateAgency(id));
        System.out.println("Agency " + a.companyName() + " (" + a.id() + ") is active: customers can send it jobs");
        return null;
    }
}
