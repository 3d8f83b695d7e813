package dev.teamcredits.events;

import dev.teamcredits.events.ledger.LedgerEvent;
import dev.teamcredits.events.team.TeamEvent;
import dev.teamcredits.events.usage.UsageEvent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type we publish, read off the sealed event interfaces, so adding a record to a
 * {@code permits} clause is all it takes to register it.
 */
public final class EventCatalog {

    private static final String PREFIX = "dev.teamcredits.";
    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (Class<?> family : new Class<?>[] { TeamEvent.class, LedgerEvent.class, UsageEvent.class }) {
            Arrays.stream(family.getPermittedSubclasses()).forEach(c -> {
                Class<? extends DomainEvent> type = c.asSubclass(DomainEvent.class);
                BY_TYPE.put(typeOf(type), type);
            });
        }
    }

    private EventCatalog() {
    }

    /** The CloudEvents type of an event class, from its {@link EventType}. */
    public static String typeOf(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(eventClass + " has no @EventType");
        }
        return PREFIX + annotation.name() + ".v" + annotation.version();
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Type name to class, in declaration order. */
    public static Map<String, Class<? extends DomainEvent>> all() {
        return Collections.unmodifiableMap(BY_TYPE);
    }
}
