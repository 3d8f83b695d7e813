package dev.teamcredits.common.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code type} is stable per kind of error ({@value #TYPE_PREFIX}
 * plus a slug), so clients can branch on it; {@code detail} is for people. Extension members
 * (for example {@code limit} or {@code errors}) are added with {@link #with(String, Object)}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
@Schema(name = "Problem", description = "RFC 9457 problem details")
public final class Problem {

    public static final String TYPE_PREFIX = "urn:team-credits:problem:";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private String instance;
    private Integer retryAfterSeconds;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private static final java.util.Set<String> RESERVED = java.util.Set.of("type", "title", "status", "detail",
            "instance");

    public Problem(String slug, String title, int status, String detail) {
        this.type = TYPE_PREFIX + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    /** An extension member; RFC 9457's own members (status and the rest) cannot be overridden. */
    public Problem with(String name, Object value) {
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a member of every problem, not an extension");
        }
        extensions.put(name, value);
        return this;
    }

    public Problem instance(String instance) {
        this.instance = instance;
        return this;
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    @Schema(hidden = true)
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /** Tells the client when to try again (the {@code Retry-After} header), for 503 and 429. */
    public Problem retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    @Schema(hidden = true)
    public Integer getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
