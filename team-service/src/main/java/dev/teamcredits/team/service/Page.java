package dev.teamcredits.team.service;

import dev.teamcredits.common.rest.Cursors;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list, and where the next one starts: {@code nextCursor} is null on the last page. Cursors are
 * common's {@link Cursors}, bound to the list they belong to ({@link #scope}), so a cursor of another list (another
 * org's, another user's, another service's) is a 400 invalid-cursor.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** The lists that page, each with its scope: what a cursor must have been made for. */
    public enum Of {
        MEMBERS("members"), ORG_INVITATIONS("invitations"), MY_ORGS("my-orgs"), MY_INVITATIONS("my-invitations");

        private final String name;

        Of(String name) {
            this.name = name;
        }

        /** The scope of this list for one org or user. */
        public String scope(Object owner) {
            return name + ":" + owner;
        }
    }

    /** The position a cursor continues from, or {@code first} without one; 400 invalid-cursor for another list's. */
    static long position(String scope, String cursor, long first) {
        return cursor == null ? first : Cursors.decode(scope, cursor);
    }

    /**
     * The page of {@code limit} rows out of {@code rows} (read with one more, to know whether more follow), each
     * mapped by {@code view}; the cursor carries the last row's position.
     */
    static <R, T> Page<T> of(String scope, List<R> rows, int limit, ToLongFunction<R> position, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(view).toList(),
                more ? Cursors.encode(scope, position.applyAsLong(page.get(page.size() - 1))) : null);
    }
}
