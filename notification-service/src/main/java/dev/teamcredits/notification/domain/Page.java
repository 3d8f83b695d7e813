package dev.teamcredits.notification.domain;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param nextCursor where the next (older) page starts; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
}
