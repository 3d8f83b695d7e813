package dev.teamcredits.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the {@code infra-artifacts} module resolved: the Kafka broker's class path and the
 * Keycloak distribution archive, both in the local Maven repository.
 */
final class InfraArtifacts {

    private InfraArtifacts() {
    }

    static String kafkaBrokerClasspath() {
        return read("kafka-broker.classpath");
    }

    static Path keycloakDistribution() {
        return Path.of(read("keycloak-dist.path"));
    }

    private static String read(String name) {
        String resource = "META-INF/team-credits/" + name;
        try (InputStream in = InfraArtifacts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing: build deploy/local/infra-artifacts first");
            }
            String value = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String first = value.split(java.io.File.pathSeparator)[0];
            if (!Files.exists(Path.of(first))) {
                throw new IllegalStateException(first + " is gone from the local Maven repository; "
                        + "run ./mvnw install -pl deploy/local/infra-artifacts again");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
