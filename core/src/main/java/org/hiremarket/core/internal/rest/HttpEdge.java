package org.hiremarket.core.internal.rest;

import java.util.Hashtable;

import org.ops4j.pax.web.service.WebContainer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.HttpService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link EdgeFilter} in front of CXF's servlet. CXF's HTTP transport registers its servlet
 * (context {@code /api}) through the Http Service with its own bundle's default context; Pax Web
 * applies a filter only to servlets of the same context, so the filter is registered through the
 * Http Service instance of CXF's transport bundle, mapped to {@code /*} for the REQUEST and ASYNC
 * dispatches (the ASYNC one runs the request once its body has arrived).
 */
@Component(immediate = true, configurationPid = ApiConfig.PID)
public class HttpEdge {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);
    static final String CXF_TRANSPORT = "org.apache.cxf.cxf-rt-transports-http";
    static final String FILTER_NAME = "hiremarket-edge";

    private BundleContext cxfContext;
    private ServiceReference<HttpService> reference;
    private WebContainer container;
    private EdgeFilter filter;
    private ServiceRegistration<?> errors;

    @Activate
    public HttpEdge(BundleContext context, @Reference HttpService httpService, ApiConfig config) {
        try {
            errors = JettyProblemErrors.register(context);
        } catch (LinkageError notJetty) {
            LOG.info("Pax Web does not run Jetty here: Jetty's own error pages stay ({})", LogSafe.text(notJetty));
        }
        Bundle cxf = null;
        for (Bundle b : context.getBundles()) {
            if (CXF_TRANSPORT.equals(b.getSymbolicName()) && b.getBundleContext() != null) {
                cxf = b;
            }
        }
        if (cxf == null) {
            LOG.error("CXF's HTTP transport bundle ({}) is not active: the HTTP edge filter (slow-client protection)"
                    + " is not installed", CXF_TRANSPORT);
            return;
        }
        cxfContext = cxf.getBundleContext();
        reference = cxfContext.getServiceReference(HttpService.class);
        HttpService service = reference == null ? null : cxfContext.getService(reference);
        if (!(service instanceof WebContainer wc)) {
            LOG.error("The Http Service is not Pax Web's WebContainer: the HTTP edge filter is not installed");
            release();
            return;
        }
        filter = new EdgeFilter(0, 0, 0, 0, 0, ApiAvailability.API);
        configure(filter, config);
        Hashtable<String, String> params = new Hashtable<>();
        params.put("filter-mapping-dispatcher", "REQUEST,ASYNC");
        try {
            wc.registerFilter(filter, FILTER_NAME, new String[] {"/*"}, null, params, Boolean.TRUE, null);
            container = wc;
            LOG.info("HTTP edge filter installed: bodies read asynchronously within {} s, at most {} requests in"
                    + " progress per client address", config.body_read_timeout_seconds(),
                    config.max_requests_per_address());
        } catch (Exception | LinkageError e) {
            LOG.error("The HTTP edge filter could not be installed", e);
            release();
        }
    }

    /**
     * A change of the API's configuration applies to the installed filter in place: unregistering
     * and registering it again would let requests reach CXF without it meanwhile.
     */
    @Modified
    void modified(ApiConfig config) {
        if (filter != null) {
            configure(filter, config);
        }
    }

    private static void configure(EdgeFilter filter, ApiConfig config) {
        filter.configure(config.max_body_bytes(), Math.max(1, config.body_read_timeout_seconds()) * 1000L,
                config.max_requests_per_address(), config.max_buffered_body_bytes(), config.min_body_bytes_per_second());
    }

    @Deactivate
    void deactivate() {
        if (errors != null) {
            try {
                errors.unregister();
            } catch (IllegalStateException gone) {
                LOG.debug("error handler customizer already unregistered");
            }
            errors = null;
        }
        if (container != null) {
            try {
                container.unregisterFilter(filter);
            } catch (RuntimeException e) {
                LOG.debug("HTTP edge filter already gone: {}", e.toString());
            }
            container = null;
        }
        release();
    }

    private void release() {
        if (reference != null) {
            try {
                cxfContext.ungetService(reference);
            } catch (RuntimeException e) {
                LOG.debug("CXF transport bundle already stopped: {}", e.toString());
            }
            reference = null;
        }
    }
}
