package org.hiremarket.core.internal.marketplace;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.hiremarket.api.integration.AccountField;
import org.hiremarket.api.integration.DataScope;
import org.hiremarket.api.integration.IntegrationDescriptor;
import org.hiremarket.api.integration.IntegrationKind;
import org.junit.Test;

public class DescriptorValidatorTest {

    private static List<String> problems(IntegrationDescriptor d) {
        return DescriptorValidator.problems(d, new TestDescriptors.Board(d));
    }

    @Test
    public void validDescriptorHasNoProblems() {
        assertEquals(List.of(), problems(TestDescriptors.valid()));
    }

    @Test
    public void unknownDuplicateAndMissingScopesAreReported() {
        var unknown = TestDescriptors.board(List.of(new DataScope("everything", "all of it")), List.of());
        assertTrue(problems(unknown).toString(), problems(unknown).get(0).contains("unknown scope 'everything'"));
        var twice = TestDescriptors.board(List.of(new DataScope("jobs.read", "a"), new DataScope("jobs.read", "b")),
                List.of());
        assertTrue(problems(twice).toString(), problems(twice).get(0).contains("listed twice"));
        var none = TestDescriptors.board(List.of(), List.of());
        assertTrue(problems(none).toString(), problems(none).get(0).contains("must not be empty"));
    }

    @Test
    public void badFieldsAreReported() {
        var d = TestDescriptors.board(List.of(new DataScope("jobs.read", "x")),
                List.of(AccountField.required("board id", "Board"), AccountField.required("a", "A"),
                        AccountField.required("a", "again"), AccountField.required("p", "P").withPattern("([", "x"),
                        AccountField.required("l", " ")));
        List<String> p = problems(d);
        assertEquals(p.toString(), 4, p.size());
        assertTrue(p.get(0).contains("'board id' must match"));
        assertTrue(p.get(1).contains("declared twice"));
        assertTrue(p.get(2).contains("invalid pattern"));
        assertTrue(p.get(3).contains("needs a label"));
    }

    @Test
    public void badIdAndKindThatDoesNotMatchTheServiceAreReported() {
        var d = new IntegrationDescriptor("Bad Id!", " ", "", IntegrationKind.ASSESSMENT, "1", "", 
                List.of(new DataScope("jobs.read", "x")), List.of(), List.of());
        List<String> p = DescriptorValidator.problems(d, new TestDescriptors.Board(d));
        assertTrue(p.toString(), p.get(0).startsWith("id 'Bad Id!'"));
        assertTrue(p.toString(), p.contains("name must not be blank"));
        assertTrue(p.toString(), p.contains("vendor must not be blank"));
        assertTrue(p.toString(), p.stream().anyMatch(s -> s.contains("AssessmentProvider")));
    }
}
