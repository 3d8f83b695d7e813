package dev.teamcredits.notification.rest.dto;

public record UnreadCount(long unread) {
}
