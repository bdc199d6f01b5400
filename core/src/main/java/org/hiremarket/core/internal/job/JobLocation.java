package org.hiremarket.core.internal.job;

/**
 * Where a job is, checked: ISO country code (upper case), city, and optionally the region, address,
 * postal code, coordinates, and whether it is remote or hybrid.
 */
record JobLocation(String countryCode, String city, boolean remote, String regionCode, String region, String address,
        String postalCode, boolean hybrid, Double latitude, Double longitude) {
}
