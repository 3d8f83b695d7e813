package dev.teamcredits.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The next page's link carries the whole query of the page it follows, whatever the values hold. */
class CursorsTest {

    @Test
    void nextLinkKeepsEveryParameterEncodedAndSetsTheCursor() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("account", "user a&b=c >d/é+");
        query.put("type", null);
        query.put("limit", 2);
        query.put("cursor", "old");
        String link = Cursors.nextLink("/v1/orgs/o-1/transactions", query, "c2VxOjE");

        assertEquals("</v1/orgs/o-1/transactions?account=user%20a%26b%3Dc%20%3Ed%2F%C3%A9%2B&limit=2&cursor=c2VxOjE>;"
                + " rel=\"next\"", link);
        URI next = URI.create("http://h:1/v1/orgs/o-1/transactions?type=X").resolve(link.substring(1,
                link.indexOf('>')));
        assertEquals("/v1/orgs/o-1/transactions", next.getPath());
        Map<String, String> read = new LinkedHashMap<>();
        Arrays.stream(next.getRawQuery().split("&")).map(p -> p.split("=", 2))
                .forEach(p -> read.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertEquals(Map.of("account", "user a&b=c >d/é+", "limit", "2", "cursor", "c2VxOjE"), read);
    }

    @Test
    void nextLinkWithoutFiltersNamesOnlyTheCursor() {
        assertEquals("</v1/x?cursor=abc>; rel=\"next\"", Cursors.nextLink("/v1/x", Map.of(), "abc"));
    }
}
