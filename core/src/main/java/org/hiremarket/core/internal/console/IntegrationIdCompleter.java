package org.hiremarket.core.internal.console;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.hiremarket.core.internal.marketplace.MarketplaceService;

/** Completes integration ids known to the host. */
@Service
public class IntegrationIdCompleter implements Completer {

    @Reference
    MarketplaceService marketplace;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        marketplace.adminList().forEach(v -> delegate.getStrings().add(v.id()));
        return delegate.complete(session, commandLine, candidates);
    }
}
