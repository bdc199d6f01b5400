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
}
