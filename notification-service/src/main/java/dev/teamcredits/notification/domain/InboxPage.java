package dev.teamcredits.notification.domain;

import java.util.List;

/**
 * One page of an inbox, newest first.
 *
 * @param nextCursor where the next (older) page starts; null on the last page
 */
public record InboxPage(List<InboxEntry> items, String nextCursor) {
}
