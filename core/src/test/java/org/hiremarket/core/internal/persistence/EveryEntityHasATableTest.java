package org.hiremarket.core.internal.persistence;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManager;
import javax.persistence.metamodel.EntityType;

import org.junit.Test;

/**
 * Every entity of the persistence unit can be read from a database the unit's DDL made: a column or
 * table named with a word Derby reserves (such as {@code AT}) is not created, and nothing says so
 * until the first query of it fails.
 */
public class EveryEntityHasATableTest {

    @Test
    public void everyEntityCanBeQueried() {
        InMemoryUnit unit = InMemoryUnit.shared(getClass());
        List<String> broken = new ArrayList<>();
        EntityManager em = unit.factory().createEntityManager();
        try {
            for (EntityType<?> type : unit.factory().getMetamodel().getEntities()) {
                try {
                    em.createQuery("SELECT COUNT(e) FROM " + type.getName() + " e", Long.class).getSingleResult();
                } catch (RuntimeException e) {
                    broken.add(type.getName());
                }
            }
        } finally {
            em.close();
        }
        assertEquals(List.of(), broken);
    }
}
