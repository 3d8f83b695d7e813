package dev.teamcredits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentiles() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (100 - i) * 1000L; // 1 ms … 100 ms, unsorted
        }
        Latencies l = Latencies.ofMicros(micros);
        assertEquals(100, l.count());
        assertEquals(50.0, l.p50());
        assertEquals(90.0, l.p90());
        assertEquals(99.0, l.p99());
        assertEquals(100.0, l.max());
    }

    @Test
    void fewSamplesTakeTheHighestForTheTail() {
        Latencies l = Latencies.ofMicros(new long[] {3000, 1000, 2000});
        assertEquals(2.0, l.p50());
        assertEquals(3.0, l.p99());
    }

    @Test
    void noSamples() {
        assertEquals(0, Latencies.ofMicros(new long[0]).count());
        assertEquals("—", Latencies.ofMicros(new long[0]).p50p99());
    }
}
