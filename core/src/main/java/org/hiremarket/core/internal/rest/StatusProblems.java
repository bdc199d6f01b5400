package org.hiremarket.core.internal.rest;

/** Problem documents for bare HTTP statuses (Jetty's own errors); nothing from the request is echoed. */
final class StatusProblems {

    private StatusProblems() {
    }

    static String json(int status) {
        return switch (status) {
            case 400 -> EdgeFilter.problemJson(400, "bad-request", "Bad request",
                    "the request is not valid HTTP or its URI is malformed");
            case 404 -> EdgeFilter.problemJson(404, "not-found", "Not found", "there is no resource at this path");
            case 405 -> EdgeFilter.problemJson(405, "method-not-allowed", "Method not allowed",
                    "this resource does not support the method");
            case 408 -> EdgeFilter.problemJson(408, "request-timeout", "Request timeout",
                    "the request did not arrive in time");
            case 413 -> EdgeFilter.problemJson(413, "payload-too-large", "Payload too large",
                    "the request is too large");
            case 414 -> EdgeFilter.problemJson(414, "uri-too-long", "URI too long", "the request URI is too long");
            case 431 -> EdgeFilter.problemJson(431, "headers-too-large", "Request header fields too large",
                    "the request headers are larger than 8 KiB");
            case 505 -> EdgeFilter.problemJson(505, "http-version-not-supported", "HTTP version not supported",
                    "the request is not HTTP/1.0, HTTP/1.1 or HTTP/2");
            case 503 -> EdgeFilter.problemJson(503, "service-unavailable", "Service unavailable",
                    "the server cannot answer now; retry later");
            default -> status >= 500
                    ? EdgeFilter.problemJson(status, "internal-error", "Internal error",
                            "the request could not be completed")
                    : EdgeFilter.problemJson(status, "http-" + status, "Request refused", "the request was refused");
        };
    }
}
