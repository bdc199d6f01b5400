package org.hiremarket.core.internal.rest;

import java.net.URI;

import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

/**
 * Links the API hands out ({@code Location} headers) to resources outside the requested path.
 * They are built from the request's absolute path, which {@link PublicBaseUriFilter} put on the
 * trusted base; CXF's {@code UriInfo.getBaseUri()} is not rebased by it and would take the host
 * from the request's {@code Host} header.
 */
final class Links {

    private Links() {
    }

    /** The API's base ({@code .../api/v1/}) as this request reached it, under the trusted scheme and host. */
    static URI base(UriInfo uri) {
        return base(uri.getAbsolutePath().toString(), uri.getPath(false));
    }

    /**
     * @param absolutePath the request's absolute path, e.g. {@code http://h/api/v1/jobs/7/applications}
     * @param relativePath the same path relative to the base, e.g. {@code jobs/7/applications} (a leading slash is allowed)
     */
    static URI base(String absolutePath, String relativePath) {
        String relative = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        if (!absolutePath.endsWith(relative)) {
            throw new IllegalStateException("request path " + relative + " is not under " + absolutePath);
        }
        String base = absolutePath.substring(0, absolutePath.length() - relative.length());
        return URI.create(base.endsWith("/") ? base : base + "/");
    }

    /** A resource under the API's base, e.g. {@code under(uri, "applications", id)}. */
    static URI under(UriInfo uri, String... segments) {
        UriBuilder b = UriBuilder.fromUri(base(uri));
        for (String segment : segments) {
            b.segment(segment);
        }
        return b.build();
    }
}
