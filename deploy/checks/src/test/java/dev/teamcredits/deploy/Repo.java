package dev.teamcredits.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository these checks read. The services are found, not listed: every module of the root
 * pom.xml with a {@code src/main/resources/application.properties}, so a fifth service is checked
 * as soon as it exists. Only the stand-ins for systems outside Team Credits are named
 * ({@link #STAND_INS}): compose runs them, production never does.
 */
final class Repo {

    /** Surefire runs in deploy/checks; the repository is two levels up. */
    static final Path ROOT = locateRoot();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

    /**
     * Applications that stand in for a system outside Team Credits, like a payment provider's test mode: compose
     * (and the local stack) run them; no Kubernetes overlay may. A new application is a production service until it
     * is named here.
     */
    static final Set<String> STAND_INS = Set.of("billing-sandbox");

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

    /** An application module (a service or a stand-in): its directory name is its name (team-service, ...). */
    record Service(String name, Path dir) {

        boolean standIn() {
            return STAND_INS.contains(name);
        }

        /** Whether it is built on common, whose microprofile-config.properties it then inherits. */
        boolean usesCommon() {
            return read(dir.resolve("pom.xml")).contains("<artifactId>team-credits-common</artifactId>");
        }

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

    /** The applications production runs: every one but the stand-ins. */
    static List<Service> productionServices() {
        return services().stream().filter(s -> !s.standIn()).toList();
    }

    static List<Service> standIns() {
        return services().stream().filter(Service::standIn).toList();
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
