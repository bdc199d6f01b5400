package org.hiremarket.core.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/**
 * Reads JSON bodies so that every unknown field of a request is named at once: Jackson stops at
 * the first one; while a body is read here, unknown fields are noted and skipped, and the request
 * is refused with all of them in one 400. A value of the wrong type still ends the reading (Jackson
 * cannot read on past it) and is answered alone, with the unknown fields met before it. The
 * services then list every invalid value of a body that could be read.
 */
final class JsonBodyProvider extends JacksonJsonProvider {

    /** The unknown fields met while the body on this thread is read; {@code null} when not reading one. */
    private static final ThreadLocal<List<FieldError>> UNKNOWN = new ThreadLocal<>();

    JsonBodyProvider(ObjectMapper mapper) {
        super(mapper);
    }

    /** Registered on the API's mapper: notes unknown fields while a body is read here, fails as usual otherwise. */
    static final class UnknownFields extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            List<FieldError> unknown = UNKNOWN.get();
            if (unknown == null) {
                return false;
            }
            Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
            unknown.add(new FieldError(path(p, propertyName), "is not a known field"
                    + (known == null || known.isEmpty() ? ""
                            : "; known fields: " + known.stream().map(String::valueOf).sorted()
                                    .collect(Collectors.joining(", ")))));
            p.skipChildren();
            return true;
        }
    }

    /**
     * Every invalid field of a body, answered as one validation problem by the JSON exception mapper
     * (a JSON processing exception, which CXF hands on from a body reader as it is).
     */
    static final class InvalidFields extends JsonMappingException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        InvalidFields(List<FieldError> errors) {
            super(null, errors.size() + " fields are invalid");
            this.errors = List.copyOf(errors);
        }

        ApiException problem() {
            return ApiException.validation(errors);
        }
    }

    /**
     * {@code a.b[2].c} of an unknown field, from the parser's contexts (the parser stands on the
     * field's value). A nested record is read through a buffer whose context repeats its field's
     * name; a name that repeats right after itself is taken once.
     */
    static String path(JsonParser p, String field) {
        List<String> parts = new ArrayList<>();
        JsonStreamContext at = p.getParsingContext();
        if ((p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY)
                && at.getParent() != null) {
            // the value's own object or array, just opened
            at = at.getParent();
        }
        for (JsonStreamContext c = at; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]" : c.getCurrentName();
            if (part != null && (parts.isEmpty() || !parts.get(0).equals(part))) {
                parts.add(0, part);
            }
        }
        if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(field)) {
            parts.add(field);
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0 && !part.startsWith("[")) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        List<FieldError> unknown = new ArrayList<>();
        UNKNOWN.set(unknown);
        try {
            Object value = super.readFrom(type, genericType, annotations, mediaType, httpHeaders, entityStream);
            if (!unknown.isEmpty()) {
                throw new InvalidFields(unknown);
            }
            return value;
        } catch (InvalidFields e) {
            throw e;
        } catch (JsonProcessingException e) {
            if (unknown.isEmpty()) {
                throw e;
            }
            List<FieldError> all = new ArrayList<>(unknown);
            all.addAll(ExceptionMappers.toApi(e).errors());
            throw new InvalidFields(all);
        } finally {
            UNKNOWN.remove();
        }
    }
}
