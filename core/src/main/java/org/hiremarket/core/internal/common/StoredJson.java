package org.hiremarket.core.internal.common;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper for values core keeps as JSON text in the database: partner-account fields,
 * assessment results, candidate lists. Jackson's defaults (the REST API has a stricter mapper of
 * its own). Made on first use rather than when the services start: a cold mapper loads some 300
 * classes, and at boot that held up the thread that starts every bundle.
 */
public final class StoredJson {

    private StoredJson() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
