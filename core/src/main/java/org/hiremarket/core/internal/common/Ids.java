package org.hiremarket.core.internal.common;

import java.util.UUID;

/** Opaque ids for new records. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
