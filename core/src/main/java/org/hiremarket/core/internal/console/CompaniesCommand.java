package org.hiremarket.core.internal.console;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.hiremarket.core.internal.company.Company;
import org.hiremarket.core.internal.company.CompanyService;

@Command(scope = "marketplace", name = "companies", description = "Lists customer companies")
@Service
public class CompaniesCommand implements Action {

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Reference
    CompanyService companies;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Name");
        table.column("Created");
        for (Company c : companies.listCompanies()) {
            table.addRow().addContent(c.id(), c.name(), c.createdAt());
        }
        table.print(System.out, !noFormat);
        return null;
    }
}
