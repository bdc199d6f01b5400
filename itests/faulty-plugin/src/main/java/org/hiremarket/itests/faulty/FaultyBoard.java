package org.hiremarket.itests.faulty;

import java.util.List;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationException;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;

/** Shared descriptor and capability of the faulty test boards; only {@code connect} misbehaves. */
abstract class FaultyBoard implements JobBoard {

    private final IntegrationDescriptor descriptor;

    FaultyBoard(String id, String name) {
        this.descriptor = new IntegrationDescriptor(id, name, "HireMarket tests", IntegrationKind.JOB_BOARD, "1.0.0",
                "A connector that misbehaves on purpose, for the host's fault-containment tests",
                List.of(new DataScope(StandardScopes.JOBS_READ, "to misbehave with your jobs")),
                List.of(AccountField.required("boardId", "Board id")), List.of());
    }

    @Override
    public IntegrationDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void disconnect(ConnectionContext context) {
        // nothing to tidy up
    }

    @Override
    public Publication publish(ConnectionContext context, JobAd ad) throws IntegrationException {
        throw IntegrationException.unavailable("the faulty board publishes nothing");
    }

    @Override
    public void unpublish(ConnectionContext context, String boardReference) {
        // nothing was published
    }
}
