package dev.teamcredits.notification.rest.dto;

import java.util.List;

/** @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page */
public record NotificationPage(List<NotificationView> items, String nextCursor) {
}
