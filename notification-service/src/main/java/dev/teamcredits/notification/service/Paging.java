package dev.teamcredits.notification.service;

import dev.teamcredits.common.rest.Cursors;
import dev.teamcredits.notification.domain.Page;
import dev.teamcredits.notification.domain.Sequenced;
import java.util.List;

/**
 * Cursor paging of the webhook lists, as the inbox and the ledger's history page: newest first, {@code limit} at
 * a time, and an opaque cursor of common's {@link Cursors} that belongs to one list (another list's is 400
 * {@code invalid-cursor}). Filters are not in the cursor: the client sends them again with it.
 */
final class Paging {

    private Paging() {
    }

    /** The sequence number to continue before: null for the first page. */
    static Long before(String scope, String cursor) {
        return cursor == null ? null : Cursors.decode(scope, cursor);
    }

    /** The page of {@code rows}, read with {@code limit + 1} so that a next page is known without a count. */
    static <T> Page<T> page(List<Sequenced<T>> rows, int limit, String scope) {
        boolean more = rows.size() > limit;
        List<Sequenced<T>> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(Sequenced::value).toList(),
                more ? Cursors.encode(scope, page.get(page.size() - 1).seq()) : null);
    }
}
