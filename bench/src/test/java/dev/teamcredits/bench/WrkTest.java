package dev.teamcredits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrkTest {

    @Test
    void readsTheResultLineAndTheRequestsToSettle() {
        Wrk.Result r = Wrk.parse(List.of(
                "Running 20s test @ http://127.0.0.1:8082",
                "  64 threads and 64 connections",
                "BENCH-RESULT ok=15000 refused=2 failed=1 requests=15003 duration_us=20000000 errors=0 p50_us=80000 "
                        + "p90_us=120000 p99_us=190000 max_us=400000",
                "BENCH-SETTLE\tS\tbench-x-hot-3-41\t/v1/orgs/o/spends\t{\"userId\":\"u\",\"quantity\":1}",
                "BENCH-SETTLE\tC\tbench-x-email-0-c7\t/v1/orgs/o/reservations/r/capture\t{\"amount\":1}"));
        assertEquals(15000, r.ok());
        assertEquals(750.0, r.okPerSecond());
        assertEquals(80.0, r.latencies().p50());
        assertEquals(190.0, r.latencies().p99());
        assertEquals(2, r.settle().size());
        assertEquals(15003, r.settled(2, 0, 0).allOk() + 1);
    }

    @Test
    void noResultLineIsAnError() {
        assertThrows(IllegalStateException.class, () -> Wrk.parse(List.of("unable to connect to 127.0.0.1:8082")));
    }
}
