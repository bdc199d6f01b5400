package org.hiremarket.core.internal.assessment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.EnumSet;

import org.junit.Test;

public class OrderStatusTest {

    @Test
    public void theHappyPathMovesForwardOnly() {
        assertTrue(OrderStatus.PLACED.canMoveTo(OrderStatus.SENT));
        assertTrue(OrderStatus.SENT.canMoveTo(OrderStatus.IN_PROGRESS));
        assertTrue(OrderStatus.IN_PROGRESS.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.SENT.canMoveTo(OrderStatus.PLACED));
        assertFalse(OrderStatus.IN_PROGRESS.canMoveTo(OrderStatus.SENT));
    }

    @Test
    public void aVendorMaySkipInProgress() {
        assertTrue(OrderStatus.SENT.canMoveTo(OrderStatus.COMPLETED));
    }

    @Test
    public void anOrderNotAcknowledgedCannotCompleteOrExpireDirectly() {
        assertFalse(OrderStatus.PLACED.canMoveTo(OrderStatus.COMPLETED));
        assertFalse(OrderStatus.PLACED.canMoveTo(OrderStatus.EXPIRED));
        assertTrue(OrderStatus.PLACED.canMoveTo(OrderStatus.FAILED));
        assertTrue(OrderStatus.PLACED.canMoveTo(OrderStatus.CANCELLED));
    }

    @Test
    public void finalStatesAreFinal() {
        for (OrderStatus s : EnumSet.of(OrderStatus.COMPLETED, OrderStatus.FAILED, OrderStatus.CANCELLED,
                OrderStatus.EXPIRED)) {
            assertTrue(s.isFinal());
            assertTrue(s + " has no successor", s.next().isEmpty());
        }
        assertEquals(EnumSet.of(OrderStatus.PLACED, OrderStatus.SENT, OrderStatus.IN_PROGRESS), OrderStatus.open());
    }

    @Test
    public void everyOpenOrderCanBeCancelled() {
        for (OrderStatus s : OrderStatus.open()) {
            assertTrue(s.canMoveTo(OrderStatus.CANCELLED));
        }
    }
}
