package dev.teamcredits.notification.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.common.rest.PathIds;
import dev.teamcredits.common.rest.ProblemException;
import dev.teamcredits.notification.rest.dto.NotificationPage;
import dev.teamcredits.notification.rest.dto.UnreadCount;
import dev.teamcredits.notification.rest.mapping.NotificationMapping;
import dev.teamcredits.notification.service.InboxService;
import dev.teamcredits.notification.service.NotificationProblems;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's in-app inbox. Marking read is idempotent by nature, so these POSTs need no Idempotency-Key. */
@Path("/v1/me/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = NotificationOpenApi.INBOX)
public class InboxResource {

    private final InboxService inbox;
    private final JsonWebToken token;
    private final ObjectMapper json;

    public InboxResource(InboxService inbox, JsonWebToken token, ObjectMapper json) {
        this.inbox = inbox;
        this.token = token;
        this.json = json;
    }

    @GET
    @Operation(operationId = "listNotifications", summary = "List the caller's notifications",
            description = "Newest first, a page at a time: pass a page's nextCursor as cursor (with the same filters) "
                    + "for the next, older page; the last page has nextCursor null. Only the caller's own.")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "An invalid limit, cursor (another list's too), unread or orgId, "
            + "or a NUL character in the query (invalid-limit, invalid-cursor, invalid-filter, malformed-request)")
    public Uni<NotificationPage> list(
            @Parameter(description = "Only unread notifications (true) or all (false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("unread") @DefaultValue("false") String unread,
            @Parameter(description = "Only the notifications of this organization",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("orgId") String orgId,
            @Parameter(description = NotificationOpenApi.CURSOR) @QueryParam("cursor") String cursor,
            @Parameter(description = "How many notifications a page holds at most",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "1", maximum = "100",
                            defaultValue = "20"))
            @QueryParam("limit") @DefaultValue("20") String limit) {
        return inbox.page(token.getSubject(), bool(unread), org(orgId), cursor, Cursors.limit(limit, 100))
                .map(page -> NotificationMapping.dto(page, json));
    }

    @GET
    @Path("unread-count")
    @Operation(operationId = "countUnreadNotifications", summary = "Count the caller's unread notifications",
            description = "Across all of the caller's orgs and personal notifications, e.g. for a badge.")
    @APIResponse(responseCode = "200", description = "The count")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    public Uni<UnreadCount> unreadCount() {
        return inbox.unreadCount(token.getSubject()).map(UnreadCount::new);
    }

    @POST
    @Path("{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one notification read",
            description = "Idempotent by nature (it sets a state), so it takes no Idempotency-Key.")
    @APIResponse(responseCode = "204", description = "Read (also if it already was)")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", description = "The caller has no notification with this id (another user's "
            + "is not revealed) (notification-not-found)")
    public Uni<Void> markRead(
            @Parameter(description = "The notification's id; an unknown or malformed id is 404 "
                    + "notification-not-found", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @PathParam("id") String id) {
        return inbox.markRead(token.getSubject(), PathIds.parse(id, NotificationProblems::notificationNotFound));
    }

    @POST
    @Path("read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "Mark all of the caller's notifications read",
            description = "Idempotent by nature (it sets a state), so it takes no Idempotency-Key.")
    @APIResponse(responseCode = "204", description = "All read")
    @APIResponse(responseCode = "400", description = NotificationOpenApi.BAD_REQUEST)
    public Uni<Void> markAllRead() {
        return inbox.markAllRead(token.getSubject()).replaceWithVoid();
    }

    private static boolean bool(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, "unread must be true or false.");
        }
        return Boolean.parseBoolean(value);
    }

    private static UUID org(String orgId) {
        try {
            return orgId == null ? null : UUID.fromString(orgId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException("invalid-filter", "Invalid filter", 400, "orgId must be an org id (a UUID).");
        }
    }
}
