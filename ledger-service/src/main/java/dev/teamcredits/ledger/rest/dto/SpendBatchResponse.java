package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.common.rest.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One result per item, in the request's order. */
@Schema(description = "One result per item, in the request's order")
public record SpendBatchResponse(@Schema(description = "The items' answers, in order") List<Result> results) {

    /**
     * @param status   what the item would have answered as a single spend (200, 402, 404, 422…)
     * @param replayed true when the item's key had been used and its stored answer is returned
     * @param spend    the charge, when status is 200
     * @param problem  why not (RFC 9457), otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SpendBatchResult", description = "One item's answer: the charge, or the problem")
    public record Result(
            @Schema(description = "The HTTP status the item would have had as a single spend (200, 400, 402, 403, "
                    + "404, 409, 422, 500)") int status,
            @Schema(description = "With status 200: true when the item's key had been used and its stored answer is "
                    + "returned") Boolean replayed,
            @Schema(description = "With status 200: the charge") SpendResponse spend,
            @Schema(description = "Otherwise: why not (RFC 9457 problem)") Problem problem) {
    }
}
