package dev.teamcredits.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 9457 problem document as a service answered it: {@code type} is stable per kind of error
 * ({@value #TYPE_PREFIX} plus a slug), {@code detail} is for people, and extension members (such as
 * {@code shortfall} or {@code errors}) are kept as read from the JSON.
 *
 * @param type       the problem type, e.g. {@code urn:team-credits:problem:insufficient-credits}; {@code about:blank}
 *                   when the answer was no problem document (a proxy's error page, an empty body)
 * @param title      a short summary of the kind of problem
 * @param status     the HTTP status
 * @param detail     what went wrong with this request, for people
 * @param instance   the request path, when the service names it
 * @param extensions every other member, as JSON values (numbers, strings, lists, maps)
 */
public record Problem(String type, String title, int status, String detail, String instance,
        Map<String, Object> extensions) {

    /** What every problem type of this system starts with. */
    public static final String TYPE_PREFIX = "urn:team-credits:problem:";

    /** Copies the extensions, so a problem never changes after it was read. */
    public Problem {
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions == null ? Map.of() : extensions));
    }

    /** The slug of a Team Credits type ({@code insufficient-credits}), or empty for any other type. */
    public Optional<String> slug() {
        return type != null && type.startsWith(TYPE_PREFIX) ? Optional.of(type.substring(TYPE_PREFIX.length()))
                : Optional.empty();
    }

    /** True when the type is {@value #TYPE_PREFIX} plus this slug. */
    public boolean is(String slug) {
        return (TYPE_PREFIX + slug).equals(type);
    }

    /** An extension member as a whole number, if present and numeric. */
    public Optional<Long> longMember(String name) {
        Object value = extensions.get(name);
        return value instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** An extension member as text, if present. */
    public Optional<String> textMember(String name) {
        Object value = extensions.get(name);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }
}
