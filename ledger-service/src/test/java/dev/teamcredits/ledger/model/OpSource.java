package dev.teamcredits.ledger.model;

import dev.teamcredits.model.Op;
import dev.teamcredits.model.Who;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** An operation as the Java that builds it, so a failing sequence can be pasted into {@link ReplayIT}. */
final class OpSource {

    private OpSource() {
    }

    static String java(Op op) {
        List<String> args = new ArrayList<>();
        for (RecordComponent c : op.getClass().getRecordComponents()) {
            try {
                args.add(literal(c.getAccessor().invoke(op)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "new Op." + op.getClass().getSimpleName() + "(" + String.join(", ", args) + ")";
    }

    private static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof Long l) {
            return l + "L";
        }
        if (value instanceof Op.Role r) {
            return "Op.Role." + r;
        }
        if (value instanceof Who w) {
            return switch (w.type()) {
                case USER -> "Who.user(\"" + w.name() + "\")";
                case BACKEND -> "Who.backend(\"" + w.name() + "\")";
                case OPERATOR -> "Who.operator()";
                case BILLING -> "Who.billing(\"" + w.name() + "\")";
            };
        }
        return String.valueOf(value);
    }
}
