package org.hiremarket.core.internal.identity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The user resources as the API speaks them (the shapes of the API get-started guide). What a
 * user's answer holds may be sent back in a {@code PATCH}: read-only fields are checked or ignored.
 */
public final class UserViews {

    private UserViews() {
    }

    /**
     * {@code {"id": "ADMINISTRATOR"}}; the {@code name} a user's answer carries may be sent back and
     * is ignored when it names the same role.
     */
    @Schema(name = "SystemRoleIn")
    public record IdRef(@Schema(required = true, implementation = SystemRole.class) String id, String name) {
        public IdRef(String id) {
            this(id, null);
        }
    }

    /** {@code {"code": "en"}} */
    public record CodeRef(@Schema(required = true) String code) {
    }

    /**
     * {@code {"countryCode": "US", "city": "San Francisco"}}; the code in any case; the {@code country}
     * a user's answer carries may be sent back and is ignored when it names the same country.
     */
    @Schema(name = "UserLocationIn")
    public record LocationIn(@Schema(required = true) String countryCode, @Schema(required = true) String city, String country) {
        public LocationIn(String countryCode, String city) {
            this(countryCode, city, null);
        }
    }

    /**
     * Body of {@code POST /users}: the guide's ({@code firstname}, {@code lastname}, also spelt
     * {@code firstName}, {@code lastName} as the answers are), plus the email people sign in with.
     */
    public record CreateUser(@Schema(required = true) @JsonAlias("firstName") String firstname, @Schema(required = true) @JsonAlias("lastName") String lastname,
            @Schema(format = "email", description = "needed to sign in; without it the user gets the activation mail once it is set") String email, @Schema(required = true) IdRef systemRole, @Schema(required = true) CodeRef language, @Schema(required = true) LocationIn location) {
    }

    /**
     * Body of {@code PATCH /users/{id}}: fields left out stay as they are. Setting the email of a user
     * who has not set a password yet (or had no email) sends the activation mail to it.
     */
    public record UpdateUser(String id, @JsonAlias("firstName") String firstname, @JsonAlias("lastName") String lastname,
            @Schema(format = "email") String email, IdRef systemRole, CodeRef language, LocationIn location, Boolean active, String updatedOn,
            String signIn) {
        /** The fields a client changes; what {@code GET /users/{id}} answers may be sent back whole. */
        public UpdateUser(String firstname, String lastname, String email, IdRef systemRole, CodeRef language,
                LocationIn location) {
            this(null, firstname, lastname, email, systemRole, language, location, null, null, null);
        }
    }

    public record RoleView(@Schema(required = true) String id, @Schema(required = true) String name) {
    }

    public record LocationView(String country, String countryCode, String city) {
    }

    /**
     * A user as the API answers it. {@code signIn} says whether the person can sign in:
     * {@code EMAIL_REQUIRED} (no email yet: set one with {@code PATCH}, then the activation mail goes
     * out), {@code ACTIVATION_PENDING} (the activation mail went out, no password set yet) or
     * {@code READY}.
     */
    public record UserView(@Schema(required = true) String id, @Schema(required = true) String firstName, @Schema(required = true) String lastName, String email, @Schema(required = true) RoleView systemRole,
            CodeRef language, @Schema(required = true) boolean active, Instant updatedOn, LocationView location, @Schema(required = true, allowableValues = { "EMAIL_REQUIRED", "ACTIVATION_PENDING", "READY" }) String signIn) {

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
