package dev.teamcredits.notification.domain;

import dev.teamcredits.events.ledger.LedgerEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose live stream shows a ledger change, so pages update balances the moment they change: every
 * user the event names (any {@code userId} in it), and all active members of the org when it moves
 * the pool (an account of kind POOL, or a {@code poolAfter}) or names no one (it concerns the whole
 * org). The event is read by its fields, as it is published, so every ledger event type is covered.
 */
public final class WhoSeesLedgerChanges {

    private WhoSeesLedgerChanges() {
    }

    /** The users to show the change to, in the order found; empty if there is no one. */
    public static List<String> of(LedgerEvent event, OrgRoster org) {
        Set<String> users = new LinkedHashSet<>();
        boolean pool = walk(event, users);
        if (users.isEmpty() || pool) {
            users.addAll(org.activeMembers());
        }
        return new ArrayList<>(users);
    }

    /** Collects every user id a value names; true if it touches the pool. */
    private static boolean walk(Object value, Set<String> users) {
        boolean pool = false;
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object field = read(record, component);
                String name = component.getName();
                if (name.equals("userId") && field instanceof String userId) {
                    users.add(userId);
                } else if (name.equals("kind") && field != null && "POOL".equals(field.toString())
                        || name.equals("poolAfter") && field != null) {
                    pool = true;
                }
                pool |= walk(field, users);
            }
        } else if (value instanceof Collection<?> values) {
            for (Object element : values) {
                pool |= walk(element, users);
            }
        }
        return pool;
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
