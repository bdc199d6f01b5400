package org.hiremarket.core.internal.rest;

import java.net.URI;
import java.net.URISyntaxException;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;

/**
 * URLs the API hands out ({@code Location}, links built from {@code UriInfo}) never come from the
 * request's {@code Host} header, which any client sets at will: the scheme, host and port are the
 * configured {@code public.base.url}, or, when it is empty, the local address and port the
 * request arrived on.
 */
@PreMatching
@Priority(50)
final class PublicBaseUriFilter implements ContainerRequestFilter {

    private final URI publicBase;
    /** {@code scheme://authority/path} of the public base, without a trailing slash; made once. */
    private final String publicPrefix;

    @Context
    private HttpServletRequest http;

    /** @param publicBaseUrl e.g. {@code https://api.example.com} or {@code https://example.com/hire}; blank for none */
    PublicBaseUriFilter(String publicBaseUrl) {
        this.publicBase = parse(publicBaseUrl);
        this.publicPrefix = publicBase == null ? null : publicBase.getScheme() + "://" + publicBase.getRawAuthority()
                + (publicBase.getRawPath() == null ? "" : publicBase.getRawPath().replaceAll("/+$", ""));
    }

    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI u = URI.create(url.trim());
        if (u.getScheme() == null || u.getHost() == null) {
            throw new IllegalArgumentException("public.base.url must be an absolute http(s) URL: " + url);
        }
        return u;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        URI base = request.getUriInfo().getBaseUri();
        URI full = request.getUriInfo().getRequestUri();
        request.setRequestUri(rebase(base), rebase(full));
    }

    /** The same path and query under the trusted scheme, host and port. */
    URI rebase(URI u) {
        try {
            if (publicBase != null) {
                return new URI(publicPrefix + u.getRawPath()
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
            }
            String host = http.getLocalAddr();
            int zone = host.indexOf('%');
            if (zone >= 0) {
                host = host.substring(0, zone);
            }
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return new URI(http.getScheme() + "://" + host + ":" + http.getLocalPort() + u.getRawPath()
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        } catch (URISyntaxException e) {
            return u;
        }
    }
}
