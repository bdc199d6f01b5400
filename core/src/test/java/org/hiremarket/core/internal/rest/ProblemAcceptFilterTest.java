package org.hiremarket.core.internal.rest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Clients that accept problem documents are served JSON instead of a 406. */
public class ProblemAcceptFilterTest {

    @Test
    public void problemJsonAloneOrWithOtherTypesButNoJsonIsWidened() {
        assertTrue(ProblemAcceptFilter.acceptsProblemJsonOnly("application/problem+json"));
        assertTrue(ProblemAcceptFilter.acceptsProblemJsonOnly("application/problem+json;q=0.9, text/html"));
        assertTrue(ProblemAcceptFilter.acceptsProblemJsonOnly("Application/Problem+JSON"));
    }

    @Test
    public void acceptsThatAlreadyMatchJsonAreLeftAlone() {
        assertFalse(ProblemAcceptFilter.acceptsProblemJsonOnly("application/json, application/problem+json"));
        assertFalse(ProblemAcceptFilter.acceptsProblemJsonOnly("application/problem+json, */*;q=0.1"));
        assertFalse(ProblemAcceptFilter.acceptsProblemJsonOnly("application/*"));
        assertFalse("no problem documents asked for: a 406 stays a 406", ProblemAcceptFilter.acceptsProblemJsonOnly(
                "text/html"));
    }
}
