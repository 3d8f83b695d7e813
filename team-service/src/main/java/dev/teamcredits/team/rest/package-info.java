/**
 * The team service's REST resources. The document as a whole is declared here, the application's one
 * {@code @OpenAPIDefinition} (smallrye-openapi reads it from a package or a JAX-RS {@code Application}, not from
 * any class): its tags with their descriptions (common's tags, Operations and Identity, are described by
 * common's document filter). Title and version come from the configuration, which wins over
 * {@code info} here.
 */
@OpenAPIDefinition(info = @Info(title = "Team Credits — team service", version = "1"), tags = {
        @Tag(name = TeamOpenApi.ORGANIZATIONS, description = "Organizations: creating one on a team plan, reading it, "
                + "changing its plan and its settings."),
        @Tag(name = TeamOpenApi.MEMBERS, description = "An organization's members: listing them, removing them, "
                + "their roles, pool access and per-cycle pool caps."),
        @Tag(name = TeamOpenApi.INVITATIONS, description = "Invitations: admins invite an email with a role, list "
                + "and revoke invitations; the invitee accepts with their own token."),
        @Tag(name = TeamOpenApi.ME, description = "The caller's own view across organizations: the orgs they belong "
                + "to and the invitations waiting for them.") })
package dev.teamcredits.team.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
