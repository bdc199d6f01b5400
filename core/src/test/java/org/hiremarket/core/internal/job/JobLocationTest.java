package org.hiremarket.core.internal.job;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.common.FieldError;
import org.hiremarket.core.internal.job.JobViews.LocationIn;
import org.junit.Test;

/** A job's location with the fields SmartRecruiters' job API has, checked and kept. */
public class JobLocationTest {

    private static List<String> invalid(LocationIn in) {
        List<FieldError> errors = new ArrayList<>();
        JobService.location(errors, in);
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    public void everyLocationFieldIsCheckedAndKept() {
        List<FieldError> errors = new ArrayList<>();
        JobLocation l = JobService.location(errors, new LocationIn("us", "San Francisco", false, "ca", "California",
                "1 Market St", "94105", true, 37.79, -122.39, "United States"));
        assertEquals(List.of(), errors);
        assertEquals(new JobLocation("US", "San Francisco", false, "CA", "California", "1 Market St", "94105", true,
                37.79, -122.39), l);
        JobLocation minimal = JobService.location(errors, new LocationIn("DE", "Berlin", null));
        assertFalse(minimal.remote());
        assertFalse(minimal.hybrid());
        assertNull(minimal.regionCode());
        assertNull(minimal.latitude());
    }

    @Test
    public void everyInvalidFieldIsNamedAtOnce() {
        List<String> fields = invalid(new LocationIn("ZZ", " ", true, "CA-X", "r".repeat(101), "a".repeat(201),
                "p".repeat(21), false, 91.0, -181.0, null));
        assertEquals(List.of("location.countryCode", "location.city", "location.regionCode", "location.region",
                "location.address", "location.postalCode", "location.latitude", "location.longitude"), fields);
    }

    @Test
    public void coordinatesComeInPairsAndTheCountryNameMustMatch() {
        assertEquals(List.of("location.longitude"), invalid(new LocationIn("US", "X", false, null, null, null, null,
                null, 10.0, null, null)));
        assertEquals(List.of("location.latitude"), invalid(new LocationIn("US", "X", false, null, null, null, null,
                null, null, 10.0, null)));
        assertEquals(List.of("location.country"), invalid(new LocationIn("US", "X", false, null, null, null, null,
                null, null, null, "Canada")));
        assertTrue(invalid(new LocationIn("US", "X", false, null, null, null, null, null, null, null,
                "united states")).isEmpty());
    }
}
