package dev.teamcredits.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository these checks read. The services are found, not listed: every module of the root
 * pom.xml with a {@code src/main/resources/application.properties}, so a fifth service is checked
 * as soon as it exists.
 */
final class Repo {

    /** Surefire runs in deploy/checks; the repository is two levels up. */
    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

    private Repo() {
    }

    private static Path locateRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy/k8s"))) {
                return p;
            }
        }
        throw new IllegalStateException("No repository root (pom.xml beside deploy/k8s) above " + dir);
    }

    /** A service module: its directory name is its name (team-service, ...). */
    record Service(String name, Path dir) {

        Path applicationProperties() {
            return dir.resolve("src/main/resources/application.properties");
        }

        Path packagedJar() {
            return dir.resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    static List<Service> services() {
        Matcher m = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        List<Service> services = new java.util.ArrayList<>();
        while (m.find()) {
            Path dir = ROOT.resolve(m.group(1)).normalize();
            if (Files.exists(dir.resolve("src/main/resources/application.properties"))) {
                services.add(new Service(dir.getFileName().toString(), dir));
            }
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("No service modules found in " + ROOT.resolve("pom.xml"));
        }
        return services;
    }

    static Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No service module " + name));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
