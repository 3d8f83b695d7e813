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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's in-app inbox. Marking read is idempotent by nature, so these POSTs need no Idempotency-Key. */
@Path("/v1/me/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox")
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
    @Operation(summary = "The caller's notifications, newest first, with cursor pagination")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as cursor for the next one")
    @APIResponse(responseCode = "400", description = "Invalid limit, cursor, unread or orgId")
    public Uni<NotificationPage> list(@QueryParam("unread") @DefaultValue("false") String unread,
            @QueryParam("orgId") String orgId, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") String limit) {
        return inbox.page(token.getSubject(), bool(unread), org(orgId), cursor, Cursors.limit(limit, 100))
                .map(page -> NotificationMapping.dto(page, json));
    }

    @GET
    @Path("unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    @APIResponse(responseCode = "200", description = "The count")
    public Uni<UnreadCount> unreadCount() {
        return inbox.unreadCount(token.getSubject()).map(UnreadCount::new);
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark one notification read")
    @APIResponse(responseCode = "204", description = "Read (also if it already was)")
    @APIResponse(responseCode = "404", description = "The caller has no notification with this id")
    public Uni<Void> markRead(@PathParam("id") String id) {
        return inbox.markRead(token.getSubject(), PathIds.parse(id, NotificationProblems::notificationNotFound));
    }

    @POST
    @Path("read-all")
    @Operation(summary = "Mark all of the caller's notifications read")
    @APIResponse(responseCode = "204", description = "All read")
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
