package dev.teamcredits.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles of measured latencies (nearest rank), in milliseconds. */
record Latencies(int count, double p50, double p90, double p99, double max) {

    static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Latencies ofMicros(long[] micros) {
        if (micros.length == 0) {
            return NONE;
        }
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted.length, rank(sorted, 50) / 1000.0, rank(sorted, 90) / 1000.0,
                rank(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }

    static Latencies ofMicros(Collection<Long> micros) {
        return ofMicros(micros.stream().mapToLong(Long::longValue).toArray());
    }

    /** The smallest value with at least {@code percent} % of the values at or below it. */
    static long rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String p50p99() {
        return count == 0 ? "—" : "p50 " + Report.ms(p50) + ", p99 " + Report.ms(p99);
    }
}
