package dev.teamcredits.model;

import java.util.TreeMap;

/**
 * One account of the model: its credits by bucket (kept in burn order, never a bucket of 0) and its
 * reserved credits. Whether a bucket is past expiry depends on the org's cycle, so the model decides that.
 */
final class ModelAccount {

    final TreeMap<Bucket, Long> credits = new TreeMap<>();
    long reserved;

    ModelAccount copy() {
        ModelAccount copy = new ModelAccount();
        copy.credits.putAll(credits);
        copy.reserved = reserved;
        return copy;
    }

    long balance() {
        return credits.values().stream().mapToLong(Long::longValue).sum();
    }

    long available() {
        return balance() - reserved;
    }

    void add(Bucket bucket, long amount) {
        if (amount > 0) {
            credits.merge(bucket, amount, Long::sum);
        }
    }

    void remove(Bucket bucket, long amount) {
        long left = credits.get(bucket) - amount;
        if (left == 0) {
            credits.remove(bucket);
        } else {
            credits.put(bucket, left);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("balance=" + balance() + " reserved=" + reserved + " available="
                + available() + " {");
        credits.forEach((bucket, n) -> out.append(' ').append(bucket.kind())
                .append(bucket.expiry() == null ? "" : "@" + bucket.expiry()).append('=').append(n));
        return out.append(" }").toString();
    }
}
