package org.hiremarket.core.internal.employee;

import static org.hiremarket.core.internal.common.Refusals.refused;
import static org.junit.Assert.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.PageRequest;
import org.hiremarket.core.internal.identity.Caller;
import org.hiremarket.core.internal.identity.Scope;
import org.hiremarket.core.internal.identity.SystemRole;
import org.junit.Test;

/**
 * The employee portal is for a person signed in with their own session: an API key or an OAuth
 * client, whatever its scopes, is answered 403 {@code employee-only} by every portal method, before
 * anything is read or written (the service here has no database at all).
 */
public class EmployeeOnlyTest {

    private static final List<Consumer<Caller>> EVERY_METHOD = List.of(
            c -> new EmployeeService(null, null, null).jobs(c, null, PageRequest.of(null, null)),
            c -> new EmployeeService(null, null, null).job(c, "job-1"),
            c -> new EmployeeService(null, null, null).profile(c),
            c -> new EmployeeService(null, null, null).updateProfile(c, null),
            c -> new EmployeeService(null, null, null).apply(c, "job-1"),
            c -> new EmployeeService(null, null, null).applications(c, PageRequest.of(null, null)));

    @Test
    public void anApiKeyOrAnOAuthClientIsRefusedByEveryPortalMethod() {
        Caller key = Caller.apiKey("company-1", "key-1");
        Caller client = new Caller("company-1", "hmclient_x", Caller.Kind.OAUTH_CLIENT, EnumSet.allOf(Scope.class), null);
        for (Caller c : List.of(key, client)) {
            for (Consumer<Caller> method : EVERY_METHOD) {
                ApiException e = refused(403, "employee-only", () -> method.accept(c));
                assertEquals("the employee portal is for people with the EMPLOYEE role, signed in with their own session",
                        e.detail());
            }
        }
    }

    @Test
    public void aPersonsSessionPassesTheCheck() {
        Caller employee = new Caller("company-1", "session-1", Caller.Kind.USER, SystemRole.EMPLOYEE.scopes(), "user-1");
        EmployeeService.requireEmployee(employee);
        // a session without a person behind it is no employee
        Caller noPerson = new Caller("company-1", "session-2", Caller.Kind.USER, SystemRole.EMPLOYEE.scopes(), null);
        refused(403, "employee-only", () -> EmployeeService.requireEmployee(noPerson));
    }
}
