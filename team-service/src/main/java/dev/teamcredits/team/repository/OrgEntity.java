package dev.teamcredits.team.repository;

import dev.teamcredits.events.team.OrgSettings;
import dev.teamcredits.events.team.Plan;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An organization's row: a team account with a plan and org-wide settings. */
@Entity
@Table(name = "org")
public class OrgEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Plan plan;

    @Column(name = "personal_fallback", nullable = false)
    public boolean personalFallback;

    @Column(name = "same_domain_only", nullable = false)
    public boolean sameDomainOnly;

    /** Billing cycles run monthly from this day. */
    @Column(name = "cycle_anchor", nullable = false)
    public LocalDate cycleAnchor;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public OrgSettings settings() {
        return new OrgSettings(personalFallback, sameDomainOnly);
    }

    public void setSettings(OrgSettings settings) {
        personalFallback = settings.personalFallback();
        sameDomainOnly = settings.sameDomainOnly();
    }
}
