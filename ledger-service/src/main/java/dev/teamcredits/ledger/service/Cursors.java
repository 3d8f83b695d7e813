package dev.teamcredits.ledger.service;

import dev.teamcredits.common.rest.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque pagination cursors (they carry the journal sequence to continue before). */
final class Cursors {

    private Cursors() {
    }

    static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("seq:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
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
}
