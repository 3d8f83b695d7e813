package dev.teamcredits.common.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Opaque pagination cursors: they carry the sequence number to continue before (newest-first lists) and the
 * list they belong to (an org's history, a user's inbox), so a cursor of another list is a 400, not a page of
 * this one from a foreign position.
 */
public final class Cursors {

    private Cursors() {
    }

    /** The cursor continuing {@code scope}'s list before {@code seq}. */
    public static String encode(String scope, long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("seq:" + seq + "@" + scope).getBytes(StandardCharsets.UTF_8));
    }

    /** 400 invalid-cursor unless the cursor is one {@link #encode} made for the same {@code scope}. */
    public static long decode(String scope, String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String suffix = "@" + scope;
            if (!text.startsWith("seq:") || !text.endsWith(suffix)) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(4, text.length() - suffix.length()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException("invalid-cursor", "Invalid cursor", 400,
                    "The cursor is not one this API returned for this list.");
        }
    }

    /**
     * An RFC 8288 {@code Link} header value to the next page: the same path and every parameter of the query that
     * made this page ({@code query}, in order; null values left out) with {@code cursor} set to the next page's.
     * The target is an absolute path: no host, so it stays right behind a proxy, and not a query-only reference,
     * which {@link java.net.URI#resolve} (RFC 2396) would resolve against the parent path.
     */
    public static String nextLink(String rawPath, Map<String, ?> query, String cursor) {
        String params = query.entrySet().stream().filter(e -> e.getValue() != null && !e.getKey().equals("cursor"))
                .map(e -> param(e.getKey(), e.getValue().toString())).collect(Collectors.joining("&"));
        return "<" + rawPath + "?" + (params.isEmpty() ? "" : params + "&") + param("cursor", cursor)
                + ">; rel=\"next\"";
    }

    private static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A page size from a query parameter: 400 invalid-limit unless an integer from 1 to {@code max}. */
    public static int limit(String value, int max) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400
        }
        throw new ProblemException("invalid-limit", "Invalid limit", 400, "limit must be an integer from 1 to " + max + ".");
    }
}
