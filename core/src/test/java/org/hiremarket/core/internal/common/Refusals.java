package org.hiremarket.core.internal.common;

/** For tests: the problem a call is refused with. */
public final class Refusals {

    private Refusals() {
    }

    /** @return the {@link ApiException} the call threw; fails the test when it threw none */
    public static ApiException refused(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected the call to be refused with a problem");
    }

    /** @return the problem the call was refused with, which must have this status and type (e.g. {@code not-found}) */
    public static ApiException refused(int status, String type, Runnable call) {
        ApiException e = refused(call);
        if (e.status() != status || !type.equals(e.type())) {
            throw new AssertionError("expected " + status + " " + type + ", was " + e.status() + " " + e.type() + ": "
                    + e.detail());
        }
        return e;
    }
}
