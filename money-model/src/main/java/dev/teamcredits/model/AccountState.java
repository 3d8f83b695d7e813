package dev.teamcredits.model;

import java.util.SortedMap;

/** An account as the comparison reads it: its numbers and its credits by bucket (empty buckets left out). */
public record AccountState(long balance, long reserved, long available, SortedMap<Bucket, Long> buckets) {
}
