package dev.teamcredits.ledger.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.teamcredits.common.rest.Problem;
import java.util.List;

/** One result per item, in the request's order. */
public record SpendBatchResponse(List<Result> results) {

    /**
     * @param status   what the item would have answered as a single spend (200, 402, 404, 422…)
     * @param replayed true when the item's key had been used and its stored answer is returned
     * @param spend    the charge, when status is 200
     * @param problem  why not (RFC 9457), otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, Boolean replayed, SpendResponse spend, Problem problem) {
    }
}
