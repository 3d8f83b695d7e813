package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Runs the compose PostgreSQL init script on a real PostgreSQL 17 (embedded, as the local stack
 * uses) the way the image's entrypoint does, then migrates every service's database with its own
 * Flyway migrations as the role compose gives the service: the services never need a superuser
 * (neither in compose nor with CloudNativePG, whose application owner is not one) and a role
 * cannot open another service's database.
 */
class ComposePostgresInitTest {

    @Test
    void everyServiceMigratesItsDatabaseAsItsOwnRole() throws Exception {
        Path script = Repo.ROOT.resolve("deploy/compose/postgres/init-databases.sql");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of("target/compose-postgres").toAbsolutePath())
                .setCleanDataDirectory(true)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            String base = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
            try (Connection c = DriverManager.getConnection(base + "postgres", "postgres", "postgres");
                    Statement st = c.createStatement()) {
                // psql (the entrypoint's runner) sends statement by statement, outside a transaction.
                for (String sql : statements(Repo.read(script))) {
                    st.execute(sql);
                }
            }
            List<Repo.Service> services = Repo.services().stream().filter(s -> ServiceConfig.of(s).hasDatabase())
                    .toList();
            for (Repo.Service s : services) {
                String database = ServiceConfig.of(s).database();
                String user = ComposeFile.value(s.name(), "QUARKUS_DATASOURCE_USERNAME");
                String password = ComposeFile.value(s.name(), "QUARKUS_DATASOURCE_PASSWORD");
                MigrateResult result = Flyway.configure()
                        .dataSource(base + database, user, password)
                        .locations("filesystem:" + s.dir().resolve("src/main/resources/db/migration"))
                        .load().migrate();
                assertTrue(result.success && result.migrationsExecuted > 0,
                        s.name() + ": migrations did not run as " + user);
                for (Repo.Service other : services) {
                    if (!other.equals(s)) {
                        String otherDb = ServiceConfig.of(other).database();
                        assertThrows(SQLException.class, () -> DriverManager.getConnection(base + otherDb, user, password)
                                .close(), user + " must not open " + otherDb);
                    }
                }
            }
        }
    }

    /** The script's statements, without comments. */
    private static List<String> statements(String script) {
        String code = script.replaceAll("(?m)--.*$", "");
        return java.util.Arrays.stream(code.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
