/**
 * The notification service's REST resources. The document as a whole is declared here, the application's one
 * {@code @OpenAPIDefinition} (smallrye-openapi reads it from a package or a JAX-RS {@code Application}): its tags
 * with their descriptions (common's filter describes common's own tags). Title and version come from the
 * configuration, which wins over {@code info} here.
 */
@OpenAPIDefinition(info = @Info(title = "Team Credits — notification service", version = "0.1.0"), tags = {
        @Tag(name = NotificationOpenApi.INBOX, description = "The caller's in-app notifications: the list (newest "
                + "first, a page at a time), the unread count, and marking them read."),
        @Tag(name = NotificationOpenApi.PREFERENCES, description = "The caller's channels per notification type: "
                + "inbox (always on), email and the live stream."),
        @Tag(name = NotificationOpenApi.STREAM, description = "The caller's live Server-Sent Events stream: new "
                + "notifications and ledger changes as the caller may read them, the moment they happen."),
        @Tag(name = NotificationOpenApi.WEBHOOKS, description = "An organization's webhooks (admins only): "
                + "registering, listing and removing them, their deliveries, dead letters and re-driving them. "
                + "Calls are signed as Standard Webhooks sign them (webhook-id, webhook-timestamp, "
                + "webhook-signature).") })
package dev.teamcredits.notification.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
