package org.hiremarket.core.internal.marketplace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.hiremarket.api.agency.AgencyConnector;
import org.hiremarket.api.assessment.AssessmentProvider;
import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.Integration;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.StandardScopes;
import org.hiremarket.api.jobboard.JobBoard;

/**
 * Checks what a plugin declares before the host offers it to anyone. Every problem is listed so
 * the vendor can fix them all at once.
 */
public final class DescriptorValidator {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{1,62}");
    static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");

    private DescriptorValidator() {
    }

    public static List<String> problems(IntegrationDescriptor d, Integration service) {
        List<String> problems = new ArrayList<>();
        if (!ID.matcher(d.id()).matches()) {
            problems.add("id '" + d.id() + "' must match " + ID.pattern());
        }
        if (d.name().isBlank()) {
            problems.add("name must not be blank");
        }
        if (d.vendor().isBlank()) {
            problems.add("vendor must not be blank");
        }
        Class<?> capability = switch (d.kind()) {
            case ASSESSMENT -> AssessmentProvider.class;
            case JOB_BOARD -> JobBoard.class;
            case AGENCY -> AgencyConnector.class;
        };
        if (!capability.isInstance(service)) {
            problems.add("kind " + d.kind() + " needs the service to implement " + capability.getSimpleName());
        }
        checkScopes("scopes", d.scopes(), problems);
        checkScopes("reverseScopes", d.reverseScopes(), problems);
        if (d.scopes().isEmpty()) {
            problems.add("scopes must not be empty: a connector that reads nothing has nothing to authorize");
        }
        Set<String> names = new HashSet<>();
        for (AccountField f : d.accountFields()) {
            if (!FIELD_NAME.matcher(f.name()).matches()) {
                problems.add("account field name '" + f.name() + "' must match " + FIELD_NAME.pattern());
            }
            if (!names.add(f.name())) {
                problems.add("account field '" + f.name() + "' is declared twice");
            }
            if (f.label().isBlank()) {
                problems.add("account field '" + f.name() + "' needs a label");
            }
            if (f.pattern() != null) {
                try {
                    Pattern.compile(f.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add("account field '" + f.name() + "' has an invalid pattern: " + e.getDescription());
                }
            }
        }
        return problems;
    }

    private static void checkScopes(String where, List<DataScope> scopes, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (DataScope s : scopes) {
            if (!StandardScopes.isKnown(s.id())) {
                problems.add(where + ": unknown scope '" + s.id() + "' (known: " + StandardScopes.all().keySet() + ")");
            }
            if (!seen.add(s.id())) {
                problems.add(where + ": scope '" + s.id() + "' is listed twice");
            }
        }
    }
}
