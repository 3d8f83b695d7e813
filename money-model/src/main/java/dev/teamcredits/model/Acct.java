package dev.teamcredits.model;

/** An account of the model's org: the pool, a user's member balance, or a user's personal balance. */
public record Acct(Kind kind, String user) {

    public static final String PERSONAL_PREFIX = "personal:";

    public enum Kind {
        POOL, MEMBER, PERSONAL
    }

    public static Acct pool() {
        return new Acct(Kind.POOL, null);
    }

    public static Acct member(String user) {
        return new Acct(Kind.MEMBER, user);
    }

    public static Acct personal(String user) {
        return new Acct(Kind.PERSONAL, user);
    }

    /**
     * An account as operations name it: {@code "pool"}, a member balance by its user's name, or a personal balance
     * as {@code "personal:<user>"}.
     */
    public static Acct named(String name) {
        if ("pool".equals(name)) {
            return pool();
        }
        return name.startsWith(PERSONAL_PREFIX) ? personal(name.substring(PERSONAL_PREFIX.length())) : member(name);
    }

    /** The inverse of {@link #named}. */
    public String name() {
        return switch (kind) {
            case POOL -> "pool";
            case MEMBER -> user;
            case PERSONAL -> PERSONAL_PREFIX + user;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.POOL ? "pool" : kind.name().toLowerCase() + ":" + user;
    }
}
