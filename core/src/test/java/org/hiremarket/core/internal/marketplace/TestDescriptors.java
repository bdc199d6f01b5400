package org.hiremarket.core.internal.marketplace;

import java.util.List;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.ConnectResult;
import org.hiremarket.api.integration.ConnectionContext;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.hiremarket.api.jobboard.JobAd;
import org.hiremarket.api.jobboard.JobBoard;
import org.hiremarket.api.jobboard.Publication;

/** Descriptors and a minimal job board for tests (the validator's, and others that need a plugin of another kind). */
public final class TestDescriptors {

    private TestDescriptors() {
    }

    static IntegrationDescriptor board(List<DataScope> scopes, List<AccountField> fields) {
        return new IntegrationDescriptor("test-board", "Test board", "Tests Inc", IntegrationKind.JOB_BOARD, "1.0",
                "for tests", scopes, fields, List.of());
    }

    /** A valid job board's descriptor with this id, asking for {@code jobs.read}. */
    public static IntegrationDescriptor jobBoard(String id) {
        return new IntegrationDescriptor(id, "Board " + id, "Tests Inc", IntegrationKind.JOB_BOARD, "1.0", "for tests",
                List.of(new DataScope("jobs.read", "to publish them")), List.of(), List.of());
    }

    static IntegrationDescriptor valid() {
        return board(List.of(new DataScope("jobs.read", "to publish them")),
                List.of(AccountField.required("boardId", "Board id").withPattern("[a-z]{3,10}", "3 to 10 letters"),
                        AccountField.secret("token", "Token"), AccountField.required("note", "Note").optional()));
    }

    /** Registers a plugin service with the registry as the OSGi runtime does, from bundle {@code symbolicName/1.2.3}. */
    public static void deploy(IntegrationRegistry registry, org.hiremarket.api.integration.Integration service,
            long serviceId, String symbolicName) {
        registry.addIntegration(service, MarketplaceFixture.reference(serviceId, symbolicName));
    }

    /** Unregisters a plugin service as the OSGi runtime does when its bundle stops. */
    public static void undeploy(IntegrationRegistry registry, org.hiremarket.api.integration.Integration service,
            long serviceId, String symbolicName) {
        registry.removeIntegration(service, MarketplaceFixture.reference(serviceId, symbolicName));
    }

    /** Stops the registry as OSGi does when the host stops. */
    public static void stopRegistry(IntegrationRegistry registry) {
        registry.deactivate();
    }

    /** Stops the marketplace and the registry as OSGi does when the host stops. */
    public static void stop(MarketplaceService marketplace, IntegrationRegistry registry) {
        marketplace.deactivate();
        registry.deactivate();
    }

    /** A job board that publishes nothing anywhere: connected at once, every ad "published" as {@code r}. */
    public static final class Board implements JobBoard {
        private final IntegrationDescriptor d;

        public Board(IntegrationDescriptor d) {
            this.d = d;
        }

        @Override
        public IntegrationDescriptor descriptor() {
            return d;
        }

        @Override
        public ConnectResult connect(ConnectionContext context) {
            return ConnectResult.connected("ok");
        }

        @Override
        public void disconnect(ConnectionContext context) {
        }

        @Override
        public Publication publish(ConnectionContext context, JobAd ad) {
            return new Publication("r", null);
        }

        @Override
        public void unpublish(ConnectionContext context, String boardReference) {
        }
    }
}
