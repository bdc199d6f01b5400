package org.hiremarket.core.internal.marketplace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.core.internal.common.ApiException;
import org.hiremarket.core.internal.common.FieldError;

/**
 * Checks submitted partner-account fields against the descriptor before any plugin code runs:
 * unknown fields, missing required ones, non-text values, over-long values and format.
 */
public final class AccountValidator {

    private AccountValidator() {
    }

    /**
     * @return the trimmed values of the fields that have one
     * @throws ApiException a validation problem listing every bad field
     */
    public static Map<String, String> validate(IntegrationDescriptor d, Map<String, ?> submitted) {
        Map<String, ?> in = submitted == null ? Map.of() : submitted;
        List<FieldError> errors = new ArrayList<>();
        for (String name : in.keySet()) {
            if (d.field(name) == null) {
                errors.add(new FieldError("fields." + name, "is not a field of " + d.name()));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (AccountField f : d.accountFields()) {
            Object raw = in.get(f.name());
            String path = "fields." + f.name();
            if (raw != null && !(raw instanceof String)) {
                errors.add(new FieldError(path, "must be text"));
                continue;
            }
            String v = raw == null ? "" : ((String) raw).trim();
            if (v.isEmpty()) {
                if (f.required()) {
                    errors.add(new FieldError(path, f.label() + " is required"));
                }
                continue;
            }
            if (v.length() > AccountField.MAX_LENGTH) {
                errors.add(new FieldError(path, "must be at most " + AccountField.MAX_LENGTH + " characters"));
                continue;
            }
            if (f.pattern() != null && !Pattern.compile(f.pattern()).matcher(v).matches()) {
                errors.add(new FieldError(path, f.help() != null ? f.help() : "has the wrong format"));
                continue;
            }
            values.put(f.name(), v);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return values;
    }
}
