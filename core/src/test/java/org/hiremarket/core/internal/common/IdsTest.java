package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;

public class IdsTest {

    @Test
    public void idsAreVersion7UuidsCarryingTheirCreationTime() {
        long at = 1_795_000_000_123L;
        UUID id = Ids.newId(at);
        assertEquals(7, id.version());
        assertEquals(2, id.variant());
        assertEquals(at, id.getMostSignificantBits() >>> 16);
        assertEquals(id, UUID.fromString(id.toString()));
        assertEquals(36, Ids.newId().length());
    }

    @Test
    public void laterIdsSortLaterAsText() {
        String earlier = Ids.newId(1_795_000_000_000L).toString();
        String later = Ids.newId(1_795_000_000_001L).toString();
        String muchLater = Ids.newId(1_895_000_000_000L).toString();
        assertTrue(earlier + " < " + later, earlier.compareTo(later) < 0);
        assertTrue(later.compareTo(muchLater) < 0);
    }

    @Test
    public void idsMadeInTheSameMillisecondDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue("unique", seen.add(Ids.newId(1_795_000_000_000L).toString()));
        }
    }
}
