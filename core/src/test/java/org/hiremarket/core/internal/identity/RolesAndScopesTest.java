package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hiremarket.core.internal.common.FieldError;
import org.junit.Test;

public class RolesAndScopesTest {

    @Test
    public void onlyAdministratorsManageCredentialsAndIntegrations() {
        for (SystemRole r : SystemRole.values()) {
            assertEquals(r.name(), r == SystemRole.ADMINISTRATOR, r.scopes().contains(Scope.CREDENTIALS_MANAGE));
            assertEquals(r.name(), r == SystemRole.ADMINISTRATOR, r.scopes().contains(Scope.INTEGRATIONS_MANAGE));
        }
    }

    @Test
    public void employeesReachOnlyTheEmployeePortal() {
        assertEquals(Set.of(Scope.EMPLOYEE_PORTAL), SystemRole.EMPLOYEE.scopes());
        for (SystemRole r : EnumSet.complementOf(EnumSet.of(SystemRole.EMPLOYEE))) {
            assertFalse(r.scopes().contains(Scope.EMPLOYEE_PORTAL));
        }
    }

    @Test
    public void wireNamesRoundTripAndClientsCannotGetCredentialOrEmployeeScopes() {
        for (Scope s : Scope.values()) {
            assertEquals(s, Scope.fromWire(s.wire()).orElseThrow());
        }
        assertEquals("users_read", Scope.USERS_READ.wire());
        assertFalse(Scope.CREDENTIALS_MANAGE.grantableToClients());
        assertFalse(Scope.EMPLOYEE_PORTAL.grantableToClients());
        assertTrue(Scope.JOBS_MANAGE.grantableToClients());
        assertEquals(EnumSet.of(Scope.JOBS_READ, Scope.USERS_READ), TokenService.parse(TokenService.wire(
                EnumSet.of(Scope.USERS_READ, Scope.JOBS_READ))));
    }

    @Test
    public void seedValuesValidateAndBadOnesAreNamed() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(SystemRole.ADMINISTRATOR, UserService.role(errors, "ADMINISTRATOR", true));
        assertEquals("en", UserService.language(errors, "en", true));
        String[] loc = UserService.location(errors, new UserViews.LocationIn("US", "San Francisco"), true);
        assertEquals("US", loc[0]);
        assertEquals(List.of(), errors);
        assertEquals("United States", ReferenceData.countryName("US").orElseThrow());

        UserService.role(errors, "OWNER", true);
        UserService.language(errors, "english", true);
        UserService.location(errors, new UserViews.LocationIn("XX", ""), true);
        UserService.email(errors, "not-an-email");
        assertEquals(List.of("systemRole.id", "language.code", "location.countryCode", "location.city", "email"),
                errors.stream().map(FieldError::field).toList());
    }
}
