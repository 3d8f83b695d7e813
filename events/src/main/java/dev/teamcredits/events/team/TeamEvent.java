package dev.teamcredits.events.team;

import dev.teamcredits.events.DomainEvent;

/** Events on {@code team.events}: everything another service needs to mirror memberships. */
public sealed interface TeamEvent extends DomainEvent permits OrgCreated, PlanChanged, SettingsChanged,
        MemberJoined, MemberRemoved, RoleChanged, PoolAccessChanged, PoolCapChanged {
}
