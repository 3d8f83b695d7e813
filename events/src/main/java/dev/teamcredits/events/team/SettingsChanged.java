package dev.teamcredits.events.team;

import dev.teamcredits.events.EventType;
import java.util.UUID;

/** An admin changed org settings; {@code settings} is the complete new state. */
@EventType(name = "team.org.settings-changed", version = 1)
public record SettingsChanged(UUID orgId, OrgSettings settings, String changedBy) implements TeamEvent {
}
