package dev.teamcredits.model;

/**
 * Who calls: a user (org roles come from the model's members), a trusted backend, an operator client, or a
 * billing client (the billing backend, which only records purchases and declines top-up requests).
 */
public record Who(Type type, String name) {

    public enum Type {
        USER, BACKEND, OPERATOR, BILLING
    }

    public static Who user(String name) {
        return new Who(Type.USER, name);
    }

    public static Who backend(String name) {
        return new Who(Type.BACKEND, name);
    }

    public static Who operator() {
        return new Who(Type.OPERATOR, "operator");
    }

    public static Who billing(String name) {
        return new Who(Type.BILLING, name);
    }

    @Override
    public String toString() {
        return type == Type.USER ? name : type.name().toLowerCase() + ":" + name;
    }
}
