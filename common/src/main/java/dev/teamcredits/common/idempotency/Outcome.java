package dev.teamcredits.common.idempotency;

/** The result of an idempotent request, and whether it replays an earlier one (nothing changed then). */
public record Outcome<T>(T value, boolean replayed) {

    public static <T> Outcome<T> fresh(T value) {
        return new Outcome<>(value, false);
    }

    public <R> Outcome<R> map(java.util.function.Function<T, R> mapping) {
        return new Outcome<>(mapping.apply(value), replayed);
    }
}
