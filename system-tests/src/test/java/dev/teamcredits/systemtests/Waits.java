package dev.teamcredits.systemtests;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;

/** Eventual consistency: poll with a deadline, never a fixed sleep. */
final class Waits {

    static final Duration DEADLINE = Duration.ofSeconds(90);

    private Waits() {
    }

    /** Polls until the condition holds; fails naming {@code what} at the deadline. */
    static void until(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(condition::getAsBoolean);
    }

    /** Polls until the assertions pass; at the deadline the last assertion error is the failure. */
    static void untilAsserted(String what, ThrowingRunnable assertions) {
        Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(300)).untilAsserted(assertions);
    }

    static <T> T value(String what, Callable<T> supplier, java.util.function.Predicate<T> done) {
        return Awaitility.await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(supplier, done::test);
    }
}
