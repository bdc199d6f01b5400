package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.net.URI;

import org.junit.Test;

public class LinksTest {

    @Test
    public void theBaseIsTheAbsolutePathWithoutTheRelativeOne() {
        assertEquals(URI.create("http://127.0.0.1:8181/api/v1/"),
                Links.base("http://127.0.0.1:8181/api/v1/jobs/7/applications", "jobs/7/applications"));
        assertEquals(URI.create("https://example.com/hire/api/v1/"),
                Links.base("https://example.com/hire/api/v1/jobs", "/jobs"));
        assertEquals(URI.create("http://h/api/v1/"), Links.base("http://h/api/v1/", ""));
    }

    @Test
    public void aPathNotUnderTheAbsoluteOneIsAnError() {
        assertThrows(IllegalStateException.class, () -> Links.base("http://h/api/v1/jobs", "users"));
    }
}
