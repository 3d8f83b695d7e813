package dev.teamcredits.team.rest.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
@Schema(description = "One page of a list; pass nextCursor as cursor for the next page.")
public record MyOrgPage(
        @Schema(description = "The caller's orgs, oldest membership first; at most limit", required = true)
        List<MyOrgResponse> items,
        @Schema(description = "The cursor of the next page, opaque (valid only for this list); null on the last page",
                required = true, nullable = true) String nextCursor) {
}
