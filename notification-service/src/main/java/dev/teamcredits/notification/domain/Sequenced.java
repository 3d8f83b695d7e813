package dev.teamcredits.notification.domain;

/**
 * An item of a list that is read a page at a time, with its place in the list.
 *
 * @param seq the list's order (the newest has the highest), also where a page cursor continues
 */
public record Sequenced<T>(long seq, T value) {
}
