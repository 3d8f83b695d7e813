package dev.teamcredits.common.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque pagination cursors: they carry the sequence number to continue before (newest-first lists). */
public final class Cursors {

    private Cursors() {
    }

    public static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("seq:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** 400 invalid-cursor unless the cursor is one {@link #encode} made. */
    public static long decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("seq:")) {
                throw new IllegalArgumentException(text);
            }
            return Long.parseLong(text.substring(4));
        } catch (IllegalArgumentException e) {
            throw new ProblemException("invalid-cursor", "Invalid cursor", 400,
                    "The cursor is not one this API returned.");
        }
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
