package dev.teamcredits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private static final String[] BASE = {"--bench-dir", "/b", "--work", "/w"};

    @Test
    void defaultsAreThePerformanceGoals() {
        Options o = Options.parse(BASE);
        assertEquals(20, o.seconds);
        assertEquals(64, o.connections);
        assertEquals(40, o.orgs);
        assertTrue(o.runs("batch"));
    }

    @Test
    void onlySomeRows() {
        Options o = Options.parse(new String[] {"--bench-dir", "/b", "--work", "/w", "--only", "hot,footprint",
            "--big", "--seconds", "5"});
        assertEquals(Set.of("hot", "footprint"), o.only);
        assertTrue(o.big);
        assertEquals(5, o.seconds);
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--bench-dir", "/b", "--work", "/w", "--only", "nap"}));
        assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] {"--bench-dir", "/b", "--work", "/w", "--seconds", "0"}));
    }
}
