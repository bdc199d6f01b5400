package org.hiremarket.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** The build's mutation floors: counted per package as PIT counts, enforced, nothing slipping out. */
public class MutationFloorsTest {

    private static String mutation(String cls, String status) {
        return "<mutation detected='" + !"SURVIVED".equals(status) + "' status='" + status
                + "' numberOfTestsRun='1'><sourceFile>X.java</sourceFile><mutatedClass>org.hiremarket.core.internal."
                + cls + "</mutatedClass><mutatedMethod>m</mutatedMethod></mutation>";
    }

    private static Map<String, MutationFloors.Tally> tally(String... mutations) throws Exception {
        String xml = "<?xml version='1.0' encoding='UTF-8'?><mutations>" + String.join("", mutations) + "</mutations>";
        return MutationFloors.tally(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                List.of("identity", "job"));
    }

    @Test
    public void mutantsAreCountedPerPackageAsPitScoresThem() throws Exception {
        Map<String, MutationFloors.Tally> t = tally(mutation("identity.A", "KILLED"), mutation("identity.A", "TIMED_OUT"),
                mutation("identity.sub.B", "SURVIVED"), mutation("identity.A", "NO_COVERAGE"),
                mutation("identity.A", "MEMORY_ERROR"), mutation("identity.A", "RUN_ERROR"),
                mutation("identityx.C", "KILLED"), mutation("job.J", "SURVIVED"));
        assertEquals(new MutationFloors.Tally(6, 4, 1, 1, 1), t.get("identity"));
        assertEquals(66.7, t.get("identity").score(), 0.05);
        assertEquals(new MutationFloors.Tally(1, 0, 1, 0, 0), t.get("job"));
    }

    @Test
    public void aPackageBelowItsFloorOrWithoutMutantsFails() throws Exception {
        Map<String, MutationFloors.Tally> t = tally(mutation("identity.A", "KILLED"), mutation("identity.A", "KILLED"),
                mutation("identity.A", "KILLED"), mutation("identity.A", "SURVIVED"));
        Map<String, Integer> floors = new LinkedHashMap<>();
        floors.put("identity", 75);
        assertEquals(List.of(), MutationFloors.check(t, floors));
        floors.put("identity", 76);
        assertEquals(List.of("identity 75.0 % < 76 %"), MutationFloors.check(t, floors));
        floors.put("job", 0);
        assertEquals(2, MutationFloors.check(t, floors).size());
        assertTrue(MutationFloors.check(t, floors).get(1).startsWith("job has no mutants"));
        String table = MutationFloors.table(t, floors);
        assertTrue(table, table.contains("| identity | 4 | 3 | 1 | 0 | 0 | 75.0 % | 76 % |"));
    }
}
