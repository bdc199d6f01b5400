package org.hiremarket.core.internal.common;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;

public class PageRequestTest {

    @Test
    public void defaultsAndBounds() {
        assertEquals(new PageRequest(0, 20), PageRequest.of(null, null));
        assertEquals(new PageRequest(5, 100), PageRequest.of(5, 100));
        for (int[] bad : new int[][] { { -1, 10 }, { 0, 0 }, { 0, 101 } }) {
            try {
                PageRequest.of(bad[0], bad[1]);
                fail();
            } catch (ApiException e) {
                assertEquals(400, e.status());
            }
        }
    }

    @Test
    public void pageCutsTheListAndCountsEverything() {
        List<Integer> all = List.of(1, 2, 3, 4, 5);
        Page<Integer> p = Page.of(all, new PageRequest(3, 10));
        assertEquals(5, p.totalFound());
        assertEquals(List.of(4, 5), p.content());
        assertEquals(List.of(), Page.of(all, new PageRequest(9, 2)).content());
    }
}
