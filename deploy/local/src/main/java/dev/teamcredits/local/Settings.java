package dev.teamcredits.local;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the local stack and the test infrastructure read "use this server instead" settings:
 * a system property such as {@code teamcredits.postgres.url}, or the environment variable
 * {@code TEAMCREDITS_POSTGRES_URL}. The system property wins.
 */
public final class Settings {

    /** JDBC URL of an external PostgreSQL server (any database on it); unset starts an embedded one. */
    public static final String POSTGRES_URL = "teamcredits.postgres.url";
    public static final String POSTGRES_USER = "teamcredits.postgres.user";
    public static final String POSTGRES_PASSWORD = "teamcredits.postgres.password";
    /** Bootstrap servers of an external Kafka cluster; unset starts a broker in a child JVM. */
    public static final String KAFKA_BOOTSTRAP_SERVERS = "teamcredits.kafka.bootstrap-servers";
    /** OIDC auth-server URL (a realm) of an external identity provider; unset starts Keycloak. */
    public static final String OIDC_URL = "teamcredits.oidc.url";
    /** {@code host:port} of an SMTP server for the notification service; unset starts a GreenMail sink. */
    public static final String SMTP = "teamcredits.smtp";

    private Settings() {
    }

    public static Optional<String> get(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(envName(key));
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
