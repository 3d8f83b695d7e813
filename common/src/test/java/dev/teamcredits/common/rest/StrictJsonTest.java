package dev.teamcredits.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSON reading rules every service shares (the hostile input test found the last three). */
class StrictJsonTest {

    public enum Role {
        ADMIN, MEMBER
    }

    public record Body(String name, Role role) {
    }

    private final ObjectMapper mapper = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    private Body read(String json) throws JsonProcessingException {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void anEnumNameMustBeExactlyOneOfTheValues() throws JsonProcessingException {
        assertEquals(Role.MEMBER, read("{\"role\":\"MEMBER\"}").role());
        for (String sloppy : new String[] { "MEMBER\\u0000", " MEMBER", "MEMBER ", "\\tADMIN", "member" }) {
            assertThrows(JsonProcessingException.class, () -> read("{\"role\":\"" + sloppy + "\"}"), sloppy);
        }
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"a\",\"name\":\"b\"}"));
    }

    @Test
    void aStringWithNulOrHalfASurrogatePairIsRefused() throws JsonProcessingException {
        assertEquals("a\uD83D\uDE00b", read("{\"name\":\"a\\ud83d\\ude00b\"}").name());
        for (String bad : new String[] { "a\\u0000b", "a\\ud800b", "\\udc00", "a\\ud83d" }) {
            assertThrows(JsonProcessingException.class, () -> read("{\"name\":\"" + bad + "\"}"), bad);
        }
    }

    @Test
    void wholeNumbersStayWhole() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"n\":1.5}", Count.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"n\":\"5\"}", Count.class));
    }

    public record Count(long n) {
    }

    public record Names(java.util.List<String> names) {
    }

    @Test
    void anArrayOfMoreThanTenThousandElementsIsRefused() throws JsonProcessingException {
        String many = "null,".repeat(StrictJson.BoundedCollection.MAX_ELEMENTS);
        assertEquals(StrictJson.BoundedCollection.MAX_ELEMENTS,
                mapper.readValue("{\"names\":[" + many.substring(0, many.length() - 1) + "]}", Names.class).names()
                        .size());
        assertThrows(JsonProcessingException.class,
                () -> mapper.readValue("{\"names\":[" + many + "null]}", Names.class));
    }
}
