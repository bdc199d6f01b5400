package org.hiremarket.core.internal.identity;

import java.time.Instant;

/** The user resources as the API speaks them (the shapes of the API get-started guide). */
public final class UserViews {

    private UserViews() {
    }

    /** {@code {"id": "ADMINISTRATOR"}} */
    public record IdRef(String id) {
    }

    /** {@code {"code": "en"}} */
    public record CodeRef(String code) {
    }

    /** {@code {"countryCode": "US", "city": "San Francisco"}} */
    public record LocationIn(String countryCode, String city) {
    }

    /** Body of {@code POST /users}, exactly the guide's, plus the email people log in with. */
    public record CreateUser(String firstname, String lastname, String email, IdRef systemRole, CodeRef language,
            LocationIn location) {
    }

    /**
     * Body of {@code PATCH /users/{id}}: fields left out stay as they are. Setting the email of a user
     * who has not set a password yet (or had no email) sends the activation mail to it.
     */
    public record UpdateUser(String firstname, String lastname, String email, IdRef systemRole, CodeRef language,
            LocationIn location) {
    }

    public record RoleView(String id, String name) {
    }

    public record LocationView(String country, String countryCode, String city) {
    }

    /**
     * A user as the API answers it. {@code signIn} says whether the person can sign in:
     * {@code EMAIL_REQUIRED} (no email yet: set one with {@code PATCH}, then the activation mail goes
     * out), {@code ACTIVATION_PENDING} (the activation mail went out, no password set yet) or
     * {@code READY}.
     */
    public record UserView(String id, String firstName, String lastName, String email, RoleView systemRole,
            CodeRef language, boolean active, Instant updatedOn, LocationView location, String signIn) {

        static UserView of(UserEntity u) {
            return new UserView(u.getId(), u.getFirstName(), u.getLastName(), u.getEmail(),
                    new RoleView(u.getRole().name(), u.getRole().name()), new CodeRef(u.getLanguageCode()), u.isActive(),
                    Instant.ofEpochMilli(u.getUpdatedAt()), new LocationView(
                            ReferenceData.countryName(u.getCountryCode()).orElse(u.getCountryCode()), u.getCountryCode(),
                            u.getCity()),
                    !u.hasEmail() ? "EMAIL_REQUIRED" : u.getPasswordHash() == null ? "ACTIVATION_PENDING" : "READY");
        }
    }
}
