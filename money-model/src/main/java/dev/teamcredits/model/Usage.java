package dev.teamcredits.model;

import java.util.SortedMap;

/** A member's usage in one cycle, as the usage service counts it. */
public record Usage(long fromPool, long fromMember, long fromPersonal, long spends, SortedMap<String, ByAction> byAction) {

    /** Credits and number of spends of one action. */
    public record ByAction(long credits, long spends) {
    }
}
