package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;
import org.junit.Test;

public class AccountValidatorTest {

    private static List<FieldError> errors(Map<String, ?> fields) {
        try {
            AccountValidator.validate(TestDescriptors.valid(), fields);
            fail("accepted " + fields);
            return null;
        } catch (ApiException e) {
            assertEquals(400, e.status());
            return e.errors();
        }
    }

    @Test
    public void validValuesAreTrimmedAndEmptyOptionalOnesDropped() {
        Map<String, String> v = AccountValidator.validate(TestDescriptors.valid(),
                Map.of("boardId", " acme ", "token", "s3cret", "note", ""));
        assertEquals(Map.of("boardId", "acme", "token", "s3cret"), v);
    }

    @Test
    public void everyProblemIsListedWithItsField() {
        Map<String, Object> in = new HashMap<>();
        in.put("boardId", "UPPER");
        in.put("token", 42);
        in.put("extra", "x");
        List<FieldError> e = errors(in);
        assertEquals(List.of(new FieldError("fields.extra", "is not a field of Test board"),
                new FieldError("fields.boardId", "3 to 10 letters"), new FieldError("fields.token", "must be text")), e);
    }

    @Test
    public void missingRequiredFieldsAndNullBodyAreRefused() {
        assertEquals(List.of(new FieldError("fields.boardId", "Board id is required"),
                new FieldError("fields.token", "Token is required")), errors(null));
        assertEquals("fields.token", errors(Map.of("boardId", "abc", "token", "   ")).get(0).field());
    }

    @Test
    public void overlongValuesAreRefused() {
        List<FieldError> e = errors(Map.of("boardId", "abc", "token", "x".repeat(AccountField.MAX_LENGTH + 1)));
        assertEquals("fields.token", e.get(0).field());
        assertEquals("must be at most 512 characters", e.get(0).message());
    }
}
