package org.hiremarket.core.internal.console;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hiremarket.core.internal.company.CompanyService;

/** Completes company ids. */
@Service
public class CompanyIdCompleter implements Completer {

    @Reference
    CompanyService companies;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        companies.listCompanies().forEach(c -> delegate.getStrings().add(c.id()));
        return delegate.complete(session, commandLine, candidates);
    }
}
