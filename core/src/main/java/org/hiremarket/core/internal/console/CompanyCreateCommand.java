package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.company.CompanyService;

@Command(scope = "marketplace", name = "company-create",
        description = "Creates a customer company and prints its first API key (shown only this once)")
@Service
public class CompanyCreateCommand implements Action {

    @Argument(index = 0, name = "name", description = "The company's name (quote it if it has spaces)", required = true)
    String name;

    @Reference
    CompanyService companies;

    @Override
    public Object execute() {
        var created = Console.run(() -> companies.createCompany(name));
        System.out.println("Company: " + created.company().name());
        System.out.println("Company id: " + created.company().id());
        System.out.println("API key: " + created.plainKey());
        System.out.println("Store the API key now: it is shown only once and cannot be recovered.");
        return null;
    }
}
