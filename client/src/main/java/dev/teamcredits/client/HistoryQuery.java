package dev.teamcredits.client;

/**
 * Which transactions of an org's history to read, newest first.
 *
 * @param account  {@code pool} or a member's user id; null = every account the caller may see
 * @param type     a transaction type; null = all
 * @param pageSize transactions per request (1 to 1,000); the iteration itself is not limited by it
 */
public record HistoryQuery(String account, String type, int pageSize) {

    /** Checks the page size the service accepts. */
    public HistoryQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be 1 to 1000");
        }
    }

    /** Everything, 200 per page. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, null, 200);
    }

    /** Only this account's transactions. */
    public HistoryQuery account(String accountRef) {
        return new HistoryQuery(accountRef, type, pageSize);
    }

    /** Only transactions of this type. */
    public HistoryQuery type(String transactionType) {
        return new HistoryQuery(account, transactionType, pageSize);
    }

    /** Another page size. */
    public HistoryQuery pageSize(int size) {
        return new HistoryQuery(account, type, size);
    }
}
