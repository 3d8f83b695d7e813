package dev.teamcredits.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what a deployment gives a service (compose environment, or a Kubernetes container's
 * env and envFrom) with what the service's configuration says production must set.
 */
final class ProductionSettings {

    private ProductionSettings() {
    }

    /** Where a deployment takes an environment variable from. */
    sealed interface Source permits Literal, FromSecret {
    }

    /** A value written in the deployment (compose environment, a ConfigMap, env value). */
    record Literal(String value, String where) implements Source {
    }

    /** A reference to a Secret's key, whose value is not in the repository. */
    record FromSecret(String secret, String key) implements Source {
    }

    /**
     * What is wrong with {@code env} for {@code config}: a required variable missing or empty, a value
     * still pointing at the local stack, a URL naming another database or realm than the service's
     * default, and (when {@code credentialsFromSecrets}) a credential written as a plain value.
     */
    static List<String> violations(ServiceConfig config, Map<String, Source> env, boolean credentialsFromSecrets) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig.Requirement req : config.requiredInProduction().values()) {
            String what = config.service() + ": " + req.env() + " (" + req.property() + ")";
            Source source = env.get(req.env());
            if (source == null) {
                problems.add(what + " is not set");
                continue;
            }
            if (source instanceof Literal literal) {
                if (literal.value() == null || literal.value().isBlank()) {
                    problems.add(what + " is empty in " + literal.where());
                    continue;
                }
                if (ServiceConfig.pointsAtLocalStack(literal.value())) {
                    problems.add(what + " still points at the local stack in " + literal.where() + ": "
                            + literal.value());
                }
                Optional<String> expectedPath = ServiceConfig.urlPath(req.localDefault());
                Optional<String> actualPath = ServiceConfig.urlPath(literal.value());
                if (expectedPath.isPresent() && !expectedPath.equals(actualPath)) {
                    problems.add(what + " must keep the path " + expectedPath.get() + " (the service's own database "
                            + "or realm) but " + literal.where() + " has " + literal.value());
                }
                if (req.credential() && credentialsFromSecrets) {
                    problems.add(what + " is a credential: take it from a Secret, not from " + literal.where());
                }
            }
        }
        return problems;
    }

    /**
     * The topics the deployments must create: every product topic (the constants of the events
     * module's {@code Topics}) with its dead-letter topic, and every topic a service's
     * configuration names.
     */
    static Set<String> requiredTopics() {
        Set<String> topics = new TreeSet<>();
        for (Field f : dev.teamcredits.events.Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    String topic = (String) f.get(null);
                    topics.add(topic);
                    topics.add(topic + ".dlq");
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        for (Repo.Service s : Repo.services()) {
            topics.addAll(ServiceConfig.of(s).topics());
        }
        return topics;
    }
}
