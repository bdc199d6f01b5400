package org.hiremarket.core.internal.company;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.hiremarket.core.internal.common.ApiException;
import org.junit.Test;

public class CompanyServiceTest {

    @Test
    public void nameIsTrimmed() {
        assertEquals("Acme", CompanyService.validateName("  Acme "));
    }

    @Test
    public void emptyLongAndControlCharacterNamesAreRefused() {
        for (String bad : new String[] { null, "", "   ", "x".repeat(201), "Acme\nCorp" }) {
            try {
                CompanyService.validateName(bad);
                fail("accepted " + bad);
            } catch (ApiException e) {
                assertEquals(400, e.status());
                assertEquals("name", e.errors().get(0).field());
            }
        }
    }
}
