package dev.teamcredits.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BatchDriverTest {

    @Test
    void eachSpendHasItsOwnKey() {
        JsonNode body = Http.parse(BatchDriver.body("run-batch-0-7", "u1", 3));
        assertEquals(3, body.path("spends").size());
        assertEquals("run-batch-0-7-2", body.path("spends").get(2).path("idempotencyKey").asText());
        assertEquals("u1", body.path("spends").get(0).path("userId").asText());
        assertEquals(1, body.path("spends").get(0).path("quantity").asInt());
    }
}
