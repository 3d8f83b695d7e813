package dev.teamcredits.notification.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An org as this service knows it from team.events: its name and all its members, present and
 * past. It decides who the admins are and how texts name a member.
 */
public record OrgRoster(UUID id, String name, List<Member> members) {

    /** A member as the team service last described them. */
    public record Member(String userId, String email, String displayName, String role, boolean active) {

        public boolean isActiveAdmin() {
            return active && "ADMIN".equals(role);
        }

        /** How texts name the member: display name, else email, else the user id. */
        public String label() {
            return displayName != null && !displayName.isBlank() ? displayName : email != null ? email : userId;
        }
    }

    public OrgRoster {
        members = List.copyOf(members);
    }

    /**
     * An org whose team events have not been read here yet (or an event of no org): no one to tell
     * beyond whom the event itself names, and "your team" for its name.
     */
    public static OrgRoster unknown(UUID orgId) {
        return new OrgRoster(orgId, "your team", List.of());
    }

    public Optional<Member> member(String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    public List<String> activeAdmins() {
        return members.stream().filter(Member::isActiveAdmin).map(Member::userId).toList();
    }

    public List<String> activeMembers() {
        return members.stream().filter(Member::active).map(Member::userId).toList();
    }

    /** How texts name a user of this org; the user id if the org does not know them. */
    public String label(String userId) {
        return member(userId).map(Member::label).orElse(userId);
    }
}
