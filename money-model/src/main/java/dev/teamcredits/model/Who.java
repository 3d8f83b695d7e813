package dev.teamcredits.model;

/** Who calls: a user (org roles come from the model's members), a trusted backend, or an operator client. */
public record Who(Type type, String name) {

    public enum Type {
        USER, BACKEND, OPERATOR
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

    @Override
    public String toString() {
        return type == Type.USER ? name : type.name().toLowerCase() + ":" + name;
    }
}
