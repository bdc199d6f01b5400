package org.hiremarket.preload.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

public class FrameworkTargetTest {

    /** A bundle with the given id and manifest headers; nothing else of it is used. */
    private static Bundle bundle(long id, String... headerPairs) {
        Dictionary<String, String> headers = new Hashtable<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getBundleId": return id;
                    case "getHeaders": return headers;
                    default: throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    @Test
    public void anOrdinaryBundleIsPreloaded() {
        assertTrue(Activator.FrameworkTarget.isEligible(bundle(45, Constants.BUNDLE_SYMBOLICNAME, "org.eclipse.persistence.core")));
        assertTrue(Activator.FrameworkTarget.isEligible(bundle(46, Constants.BUNDLE_ACTIVATIONPOLICY, "eager")));
    }

    @Test
    public void dynamicImportsLazyActivationAndTheSystemBundleAreLeftAlone() {
        // Derby and CXF's core: wiring a dynamic import beside their own start can fail it in Felix
        assertFalse(Activator.FrameworkTarget.isEligible(bundle(60, Constants.DYNAMICIMPORT_PACKAGE, "*")));
        // loading a class of a lazily activated bundle would start it
        assertFalse(Activator.FrameworkTarget.isEligible(bundle(61, Constants.BUNDLE_ACTIVATIONPOLICY, " lazy;exclude:=x")));
        assertFalse(Activator.FrameworkTarget.isEligible(bundle(0)));
    }
}
