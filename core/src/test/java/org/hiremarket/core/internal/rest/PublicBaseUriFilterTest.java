package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;

import java.net.URI;

import org.junit.Test;

/** Location and other links use the configured public base URL, never the Host header (issue #25, Low). */
public class PublicBaseUriFilterTest {

    @Test
    public void theConfiguredBaseReplacesSchemeHostAndPortAndKeepsPathAndQuery() {
        PublicBaseUriFilter f = new PublicBaseUriFilter("https://api.example.com");
        assertEquals(URI.create("https://api.example.com/api/v1/jobs/42?x=1%202"),
                f.rebase(URI.create("http://evil.example:666/api/v1/jobs/42?x=1%202")));
    }

    @Test
    public void aPathPrefixOfTheBaseIsKept() {
        PublicBaseUriFilter f = new PublicBaseUriFilter("https://example.com/hire/");
        assertEquals(URI.create("https://example.com/hire/api/v1/"), f.rebase(URI.create("http://evil.example/api/v1/")));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aRelativeBaseIsRefused() {
        new PublicBaseUriFilter("example.com");
    }
}
