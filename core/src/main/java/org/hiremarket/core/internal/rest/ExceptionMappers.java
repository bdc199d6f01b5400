package org.hiremarket.core.internal.rest;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every failure into a problem document; nothing leaks a stack trace. */
final class ExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    static List<Object> all() {
        return List.of(new ApiMapper(), new WebMapper(), new JsonMapper(), new JsonParseMapper(),
                new JsonMappingMapper(), new FallbackMapper());
    }

    static final class ApiMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ProblemResponses.of(e);
        }
    }

    /** Errors raised by the JAX-RS runtime itself: unknown path, wrong method, media types. */
    static final class WebMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            String slug;
            String title;
            String detail;
            switch (status) {
                case 404 -> {
                    slug = "not-found";
                    title = "Not found";
                    detail = "there is no resource at this path";
                }
                case 405 -> {
                    slug = "method-not-allowed";
                    title = "Method not allowed";
                    detail = "this resource does not support the method";
                }
                case 406 -> {
                    slug = "not-acceptable";
                    title = "Not acceptable";
                    detail = "this API answers application/json only";
                }
                case 415 -> {
                    slug = "unsupported-media-type";
                    title = "Unsupported media type";
                    detail = "send the body as application/json";
                }
                case 413 -> {
                    slug = "payload-too-large";
                    title = "Payload too large";
                    detail = "the request body is too large";
                }
                default -> {
                    if (status >= 500) {
                        return new FallbackMapper().toResponse(e);
                    }
                    slug = status == 400 ? "bad-request" : "http-" + status;
                    title = status == 400 ? "Bad request" : "Request refused";
                    detail = status == 400 ? "the request could not be read" : e.getMessage();
                }
            }
            Response r = ProblemResponses.of(Problem.of(status, slug, title, detail, null));
            if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
                return Response.fromResponse(r).header("Allow", e.getResponse().getHeaderString("Allow")).build();
            }
            return r;
        }
    }

    /** Malformed JSON and JSON that does not fit the expected shape. */
    static final class JsonMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return ProblemResponses.of(toApi(e));
        }
    }

    static final class JsonParseMapper implements ExceptionMapper<JsonParseException> {
        @Override
        public Response toResponse(JsonParseException e) {
            return ProblemResponses.of(toApi(e));
        }
    }

    static final class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException e) {
            return ProblemResponses.of(toApi(e));
        }
    }

    static ApiException toApi(JsonProcessingException e) {
        if (e instanceof JsonBodyProvider.InvalidFields all) {
            return all.problem();
        }
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse() != null
                    && w.getResponse().getStatus() == 413) {
                // the body limit was hit while the JSON was being read
                return new ApiException(413, "payload-too-large", "Payload too large", w.getResponse().getEntity()
                        instanceof Problem p ? p.detail() : "the request body is too large", null);
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? ""
                    : "; known fields: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "));
            return ApiException.validation(List.of(new FieldError(path(u), "is not a known field" + known)));
        }
        if (e instanceof InvalidFormatException f) {
            return ApiException.validation(List.of(new FieldError(path(f),
                    "has the wrong type or format; expected " + f.getTargetType().getSimpleName())));
        }
        if (e instanceof MismatchedInputException m) {
            String target = m.getTargetType() == null ? "another type" : m.getTargetType().getSimpleName();
            String field = path(m);
            return ApiException.validation(List.of(new FieldError(field.isEmpty() ? "body" : field,
                    "has the wrong type; expected " + target)));
        }
        if (e instanceof JsonMappingException m) {
            return ApiException.validation(List.of(new FieldError(path(m).isEmpty() ? "body" : path(m),
                    "is not valid: " + m.getOriginalMessage())));
        }
        return ApiException.badRequest("the body is not well-formed JSON: " + e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Anything unexpected: logged with a reference the caller can quote, answered without internals. */
    static final class FallbackMapper implements ExceptionMapper<Throwable> {
        private final java.util.function.BooleanSupplier disrupted;

        FallbackMapper() {
            this(() -> ApiAvailability.API.disrupted(ApiAvailability.enteredOfCurrentRequest()));
        }

        /** @param disrupted whether the API was withdrawn while the failed request ran ({@link ApiAvailability}) */
        FallbackMapper(java.util.function.BooleanSupplier disrupted) {
            this.disrupted = disrupted;
        }

        @Override
        public Response toResponse(Throwable e) {
            if (ClientAbortInterceptor.clientGone(e)) {
                // the client went away while the answer was written; nothing to report
                LOG.debug("Client closed the connection: {}", LogSafe.text(e));
                return Response.status(499).build();
            }
            if (disrupted.getAsBoolean()) {
                // the API is being withdrawn to apply a configuration change, and with it the services
                // this request was using: not an error of the request's, nor of the host's
                LOG.debug("A request failed while the API was withdrawn: {}", LogSafe.text(e));
                return ResponseHeadersFilter.notPublished();
            }
            String ref = UUID.randomUUID().toString();
            // the exception's messages may quote the request: sanitised and bounded, never raw
            LOG.error("Unexpected error, reference {}", ref, LogSafe.sanitized(e));
            return ProblemResponses.of(Problem.of(500, "internal-error", "Internal error",
                    "an unexpected error occurred; quote reference " + ref + " when reporting it", null));
        }
    }
}
