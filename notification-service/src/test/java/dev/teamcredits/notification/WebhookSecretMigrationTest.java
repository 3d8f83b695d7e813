package dev.teamcredits.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import dev.teamcredits.notification.domain.WebhookSignature;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Webhooks registered before the switch to Standard Webhooks keep their key: the service's own migrations run on
 * a fresh schema of the real database up to the version before the switch, webhooks are stored there as they were
 * then (a generated secret, an admin's, one with non-ASCII characters, a 200-character one), the rest of the
 * migrations run, and each webhook now signs with the same key bytes as before, in the standard format, which
 * the reference library verifies with {@code whsec_} and the base64 of the old secret.
 */
@QuarkusTest
class WebhookSecretMigrationTest {

    private static final List<String> OLD_SECRETS = List.of("whsec_-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_v7-_s",
            "a-receiver-secret-of-ours", "géheim-schlüssel-☃-0123456789", "s".repeat(199) + "!");

    @Test
    void aSecretRegisteredBeforeTheSwitchSignsWithTheSameKeyAndVerifiesAsWhsecOfItsBase64() throws Exception {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        String schema = "before_switch_" + UUID.randomUUID().toString().replace("-", "");
        Flyway flyway = Flyway.configure().dataSource(url, user, password).schemas(schema)
                .locations("classpath:db/common", "classpath:db/migration").target("2").load();
        flyway.migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("SET search_path TO " + schema);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO webhook (id, org_id, url, secret, "
                    + "event_types, created_by) VALUES (?, ?, 'https://hooks.example.com/x', ?, '{}', 'ada')")) {
                for (String secret : OLD_SECRETS) {
                    insert.setObject(1, UUID.nameUUIDFromBytes(secret.getBytes(StandardCharsets.UTF_8)));
                    insert.setObject(2, UUID.randomUUID());
                    insert.setString(3, secret);
                    insert.executeUpdate();
                }
            }

            Flyway.configure().dataSource(url, user, password).schemas(schema)
                    .locations("classpath:db/common", "classpath:db/migration").load().migrate();

            long now = System.currentTimeMillis() / 1000;
            String body = "{\"type\":\"dev.teamcredits.ledger.transfer.completed.v1\"}";
            for (String old : OLD_SECRETS) {
                String stored = stored(c, old);
                byte[] oldKey = old.getBytes(StandardCharsets.UTF_8);
                String receivers = "whsec_" + Base64.getEncoder().encodeToString(oldKey);
                assertEquals(receivers, stored, "the migrated secret of " + old);
                String signature = WebhookSignature.sign(stored, "d-1", now, body);
                assertEquals("v1," + hmac(oldKey, "d-1." + now + "." + body), signature, "the same key as before");
                new Webhook(receivers).verify(body, Map.of("webhook-id", List.of("d-1"), "webhook-timestamp",
                        List.of(Long.toString(now)), "webhook-signature", List.of(signature)));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String stored(Connection c, String old) throws Exception {
        try (PreparedStatement select = c.prepareStatement("SELECT secret FROM webhook WHERE id = ?")) {
            select.setObject(1, UUID.nameUUIDFromBytes(old.getBytes(StandardCharsets.UTF_8)));
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getString(1);
            }
        }
    }

    private static String hmac(byte[] key, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
