package org.hiremarket.core.internal.identity;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.hiremarket.core.internal.common.FieldError;
import org.junit.Test;

/** The field rules of a user (UserService's validators), at their limits. */
public class UserFieldsTest {

    private final List<FieldError> errors = new ArrayList<>();

    private List<String> messages() {
        List<String> out = errors.stream().map(e -> e.field() + ": " + e.message()).toList();
        errors.clear();
        return out;
    }

    @Test
    public void namesAreTrimmedRequiredAndAtMostAHundredCharacters() {
        assertEquals("Ada", UserService.name(errors, "name", "  Ada "));
        assertEquals("x".repeat(100), UserService.name(errors, "name", "x".repeat(100)));
        assertEquals(List.of(), messages());
        UserService.name(errors, "name", "x".repeat(101));
        assertEquals(List.of("name: must be at most 100 characters"), messages());
        UserService.name(errors, "name", null);
        UserService.name(errors, "name", " ");
        assertEquals(List.of("name: is required", "name: is required"), messages());
        UserService.name(errors, "name", "A\u0007da");
        assertEquals(List.of("name: must not contain control characters"), messages());
    }

    @Test
    public void personNamesCarryNoLinkMarkupOrInvisibleCharactersAndOneProblemAtATime() {
        assertEquals("Ada", UserService.personName(errors, "firstname", "Ada"));
        assertEquals(List.of(), messages());
        UserService.personName(errors, "firstname", "WWW.evil.example");
        assertEquals(List.of("firstname: must not contain links or markup (://, www., < or >)"), messages());
        UserService.personName(errors, "firstname", "Ada\u202e");
        assertEquals(List.of("firstname: must not contain invisible formatting characters"), messages());
        // a name already refused gets no second message
        UserService.personName(errors, "firstname", "<" + "x".repeat(100));
        assertEquals(List.of("firstname: must be at most 100 characters"), messages());
    }

    @Test
    public void anEmailIsAtMost254Characters() {
        String local = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(254 - 65 - 64 - 64 - 4) + ".org";
        String longest = local + "@" + domain;
        assertEquals(254, longest.length());
        assertEquals(longest, UserService.email(errors, " " + longest + " "));
        assertEquals(List.of(), messages());
        UserService.email(errors, "a" + longest);
        UserService.email(errors, "no-at.example.org");
        UserService.email(errors, "");
        assertEquals(List.of("email: is not an email address", "email: is not an email address", "email: is required"),
                messages());
    }

    @Test
    public void roleAndLanguageMayBeLeftOutWhereNotRequired() {
        assertNull(UserService.role(errors, " ", false));
        assertNull(UserService.language(errors, null, false));
        assertEquals(List.of(), messages());
        assertNull(UserService.role(errors, null, true));
        assertNull(UserService.language(errors, " ", true));
        assertEquals(List.of("systemRole.id: is required", "language.code: is required"), messages());
        assertEquals(SystemRole.EXTENDED, UserService.role(errors, " EXTENDED ", true));
        assertNull(UserService.role(errors, "extended", true));
        assertEquals(List.of("systemRole.id: must be one of ADMINISTRATOR, EXTENDED, STANDARD, RESTRICTED, EMPLOYEE"),
                messages());
        assertEquals("de", UserService.language(errors, " de ", true));
        assertEquals(List.of(), messages());
    }

    @Test
    public void aRoleNameSentBackMustNameTheSameRole() {
        UserService.sameName(errors, new UserViews.IdRef("STANDARD", " standard "), SystemRole.STANDARD);
        UserService.sameName(errors, new UserViews.IdRef("STANDARD"), SystemRole.STANDARD);
        UserService.sameName(errors, null, SystemRole.STANDARD);
        UserService.sameName(errors, new UserViews.IdRef("OWNER", "OWNER"), null);
        assertEquals(List.of(), messages());
        UserService.sameName(errors, new UserViews.IdRef("STANDARD", "EXTENDED"), SystemRole.STANDARD);
        assertEquals(List.of("systemRole.name: does not match systemRole.id STANDARD; leave it out, it is not needed"),
                messages());
    }

    @Test
    public void aLocationNeedsAKnownCountryAndACityOfAtMostAHundredCharacters() {
        assertArrayEquals(new String[] { "DE", "x".repeat(100) }, UserService.location(errors,
                new UserViews.LocationIn(" de ", " " + "x".repeat(100) + " ", "germany"), true));
        assertEquals(List.of(), messages());
        assertNull(UserService.location(errors, null, true));
        assertEquals(List.of("location: is required"), messages());
        UserService.location(errors, new UserViews.LocationIn(null, "x".repeat(101), "France"), true);
        assertEquals(List.of("location.countryCode: is required", "location.city: must be at most 100 characters"),
                messages());
        UserService.location(errors, new UserViews.LocationIn("DE", null, "France"), true);
        assertEquals(List.of("location.country: does not match countryCode DE (Germany); leave it out, it is not needed",
                "location.city: is required"), messages());
    }
}
