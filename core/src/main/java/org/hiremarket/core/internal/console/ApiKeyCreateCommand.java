package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.hiremarket.core.internal.company.CompanyService;

@Command(scope = "marketplace", name = "apikey-create",
        description = "Creates another API key for a company and prints it (shown only this once)")
@Service
public class ApiKeyCreateCommand implements Action {

    @Argument(index = 0, name = "company", description = "The company id", required = true)
    @Completion(CompanyIdCompleter.class)
    String companyId;

    @Argument(index = 1, name = "label", description = "What the key is for")
    String label = "console";

    @Reference
    CompanyService companies;

    @Override
    public Object execute() {
        var created = Console.run(() -> companies.createApiKey(companyId, label));
        System.out.println("API key: " + created.plainKey());
        System.out.println("Store the API key now: it is shown only once and cannot be recovered.");
        return null;
    }
}
