package dev.teamcredits.client;

import java.util.List;

/**
 * 400 or 422: the request is invalid as sent (never retried). For {@code validation-failed} the service lists
 * each wrong field in {@link #fieldErrors()} (at most 20); other types ({@code unknown-action},
 * {@code nothing-to-reserve}, {@code ttl-out-of-range}, {@code same-account}, {@code capture-exceeds-reservation}…)
 * have none and say why in {@link #detail()}.
 */
public class ValidationException extends TeamCreditsException {

    private static final long serialVersionUID = 1L;

    /**
     * One invalid field.
     *
     * @param field   the field's path in the request, e.g. {@code quantity}
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> fieldErrors;

    /** Made by the client from the service's answer. */
    public ValidationException(String message, Problem problem, String idempotencyKey) {
        super(message, problem, idempotencyKey, null);
        this.fieldErrors = fieldErrors(problem);
    }

    /** The invalid fields, in the service's order; empty when the problem names none. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    private static List<FieldError> fieldErrors(Problem problem) {
        if (!(problem.extensions().get("errors") instanceof List<?> errors)) {
            return List.of();
        }
        return errors.stream().filter(e -> e instanceof java.util.Map<?, ?>).map(e -> (java.util.Map<?, ?>) e)
                .map(e -> new FieldError(String.valueOf(e.get("field")), String.valueOf(e.get("message")))).toList();
    }
}
