package dev.teamcredits.model;

/** An account of the model's org: the pool, a user's member balance, or a user's personal balance. */
public record Acct(Kind kind, String user) {

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

    @Override
    public String toString() {
        return kind == Kind.POOL ? "pool" : kind.name().toLowerCase() + ":" + user;
    }
}
