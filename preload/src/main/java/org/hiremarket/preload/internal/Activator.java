package org.hiremarket.preload.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the preload once the trigger bundle is active: by default CXF's HTTP transport, which in a
 * boot is when the web server and CXF are up and Karaf goes on to the database, the persistence
 * unit and hiremarket-core (started earlier, the preload only competed with the start of the web
 * server). The classes are loaded on a daemon thread of their own; the boot never waits for it.
 *
 * <p>Framework properties (etc/system.properties or etc/config.properties):
 * {@code hiremarket.preload.enabled} (default {@code true}) and {@code hiremarket.preload.trigger}
 * (default {@code org.apache.cxf.cxf-rt-transports-http}).
 */
public final class Activator implements BundleActivator {

    static final String LIST = "classes.txt";
    static final String DEFAULT_TRIGGER = "org.apache.cxf.cxf-rt-transports-http";
    private static final int RESOLVED_OR_LATER = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE;

    private final Logger log = LoggerFactory.getLogger(Activator.class);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile Thread worker;
    private BundleTracker<Bundle> tracker;

    @Override
    public void start(BundleContext context) {
        if ("false".equalsIgnoreCase(String.valueOf(context.getProperty("hiremarket.preload.enabled")).strip())) {
            log.info("Class preload disabled (hiremarket.preload.enabled=false)");
            return;
        }
        String configured = context.getProperty("hiremarket.preload.trigger");
        String trigger = configured == null || configured.isBlank() ? DEFAULT_TRIGGER : configured.strip();
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                if (trigger.equals(bundle.getSymbolicName()) && started.compareAndSet(false, true)) {
                    startWorker(context);
                }
                return null; // nothing to track once seen
            }
        };
        tracker.open();
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        stopping = true;
        if (tracker != null) {
            tracker.close();
        }
        Thread running = worker;
        if (running != null) {
            running.join(2_000); // it checks `stopping` between classes
        }
    }

    private void startWorker(BundleContext context) {
        Thread thread = new Thread(() -> preload(context), "hiremarket-preload");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void preload(BundleContext context) {
        tracker.close(); // it has done its one job
        long start = System.nanoTime();
        try (InputStream in = Activator.class.getResourceAsStream(LIST)) {
            if (in == null) {
                log.warn("Class preload: the class list {} is missing from the bundle", LIST);
                return;
            }
            BufferedReader list = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            ClassPreloader.Result result = ClassPreloader.run(list, new FrameworkTarget(context), () -> stopping);
            log.info("Class preload: {} in {} ms", result, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            // a hint only: whatever goes wrong here, the bundles load their classes themselves
            log.warn("Class preload stopped: {}", e.toString());
        } finally {
            worker = null;
        }
    }

    /**
     * Loads through the installed bundles. Leaves alone bundles that are not resolved, that are
     * activated lazily (loading a class would start them) and that import packages dynamically
     * (wiring a dynamic import while their own start wires one can fail the start in Felix).
     */
    static final class FrameworkTarget implements ClassPreloader.Target {
        private final Map<String, Bundle> eligible = new HashMap<>();

        FrameworkTarget(BundleContext context) {
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getSymbolicName() != null && isEligible(bundle)) {
                    eligible.putIfAbsent(bundle.getSymbolicName(), bundle);
                }
            }
        }

        static boolean isEligible(Bundle bundle) {
            var headers = bundle.getHeaders("");
            String policy = headers.get(Constants.BUNDLE_ACTIVATIONPOLICY);
            return bundle.getBundleId() != 0
                && headers.get(Constants.DYNAMICIMPORT_PACKAGE) == null
                && (policy == null || !policy.strip().startsWith(Constants.ACTIVATION_LAZY));
        }

        @Override
        public boolean load(String bundleSymbolicName, String className) throws ClassNotFoundException {
            Bundle bundle = eligible.get(bundleSymbolicName);
            if (bundle == null || (bundle.getState() & RESOLVED_OR_LATER) == 0) {
                return false;
            }
            try {
                bundle.loadClass(className);
                return true;
            } catch (IllegalStateException uninstalled) {
                return false;
            }
        }
    }
}
