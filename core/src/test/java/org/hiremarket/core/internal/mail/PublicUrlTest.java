package org.hiremarket.core.internal.mail;

import static org.junit.Assert.assertEquals;

import java.util.Dictionary;
import java.util.Hashtable;

import org.junit.Test;

/** Links in mails follow the HTTP port when only it is changed (and public.url is left empty). */
public class PublicUrlTest {

    private static Dictionary<String, Object> web(String port, String addresses) {
        Hashtable<String, Object> d = new Hashtable<>();
        if (port != null) {
            d.put("org.osgi.service.http.port", port);
        }
        if (addresses != null) {
            d.put("org.ops4j.pax.web.listening.addresses", addresses);
        }
        return d;
    }

    @Test
    public void theHttpPortAndListeningAddressMakeTheBase() {
        assertEquals("http://127.0.0.1:9090", Mailer.derivedUrl(web("9090", "127.0.0.1")));
        assertEquals("http://10.1.2.3:8181", Mailer.derivedUrl(web(null, "10.1.2.3, 127.0.0.1")));
        assertEquals("a wildcard address is no address to link to", "http://127.0.0.1:8080",
                Mailer.derivedUrl(web("8080", "0.0.0.0")));
        assertEquals("http://[::1]:8181", Mailer.derivedUrl(web("8181", "::1")));
        assertEquals("http://127.0.0.1:8181", Mailer.derivedUrl(null));
    }
}
