package dev.teamcredits.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The whole system on one machine ({@link ProcessStack} on the documented fixed ports): PostgreSQL, Kafka,
 * Keycloak, an SMTP sink, the four services and the billing sandbox as separate processes, with all data in one
 * folder.
 * {@code start} runs in the foreground until Ctrl-C; {@code stop} ends a running stack from another
 * terminal.
 *
 * <pre>
 * java -cp "deploy/local/target/local-stack.jar:deploy/local/target/lib/*" dev.teamcredits.local.RunLocal \
 *     start [--fresh] [--data DIR] [--root DIR]    (or: stop [--data DIR])
 * </pre>
 */
public final class RunLocal {

    public static final int POSTGRES_PORT = 15432;
    public static final int KAFKA_PORT = 19092;
    public static final int KEYCLOAK_PORT = 8180;
    public static final int SMTP_PORT = 1025;

    private final Path root;
    private final Path data;
    private final long startedAt = System.nanoTime();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private ProcessStack stack;

    private RunLocal(Path root, Path data) {
        this.root = root;
        this.data = data;
    }

    public static void main(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("--") ? args[0] : "start";
        Path root = Path.of(option(args, "--root").orElse(".")).toAbsolutePath().normalize();
        Path data = Path.of(option(args, "--data").orElse(root.resolve(".local-stack").toString()))
                .toAbsolutePath().normalize();
        boolean fresh = List.of(args).contains("--fresh");
        RunLocal launcher = new RunLocal(root, data);
        try {
            switch (command) {
                case "start" -> launcher.start(fresh);
                case "stop" -> launcher.stopRunning();
                default -> {
                    System.err.println("usage: local-stack [start [--fresh]|stop] [--data DIR] [--root DIR]");
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("✗ " + e.getMessage());
            System.exit(1);
        }
    }

    private static Optional<String> option(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(args[i + 1]);
            }
        }
        return Optional.empty();
    }

    /**
     * JVM flags of the four services, for the footprint goals (≤ 150 MB idle, ≤ 300 MB under load):
     * the serial collector (G1's remembered sets and card tables cost ~40 MB at this heap size, and a
     * service's live set is ~20 MB); a heap that starts small, stops at 128 MB and is given back after
     * a spike (free ratios); glibc's freed memory — the JIT's arenas after start-up and warm-up, ~25 MB —
     * returned to the OS every 5 s, where this JVM has the flag (17.0.9+, 21.0.1+, 22+). The JIT stays
     * at its full tiers: C1 only would start faster but spend more CPU per request.
     */
    static List<String> serviceJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx128m",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:+ExitOnOutOfMemoryError"));
        if (hasVmOption("TrimNativeHeapInterval")) {
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return options;
    }

    /** Whether the JVM the services run on (ours) knows a -XX option: an unknown one would stop it starting. */
    private static boolean hasVmOption(String name) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return false;
        }
    }

    private Path pidFile() {
        return data.resolve("local-stack.pid");
    }

    private Path childPidsFile() {
        return data.resolve("children.pids");
    }

    private void start(boolean fresh) {
        Optional<ProcessHandle> running = runningLauncher();
        if (running.isPresent()) {
            throw new IllegalStateException("A local stack is already running (pid " + running.get().pid()
                    + "); stop it with ./run-local stop");
        }
        stack = new ProcessStack(new ProcessStack.Options(root, data, data.resolve("logs"), data.resolve("keycloak"), false,
                ProcessStack.Layout.fixed(), serviceJvmOptions(), false), this::progress);
        stack.checkBuilt();
        checkPortsFree();
        if (fresh) {
            step("Deleting " + data + " (--fresh)");
            Dirs.deleteTree(data);
        }
        try {
            Files.createDirectories(data.resolve("logs"));
            Files.writeString(pidFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println();
            step("Stopping everything this stack started…");
            stopAll();
            stopped.countDown();
            System.out.println("  stopped; data kept in " + data);
        }, "local-stack-stop"));

        System.out.println("Team Credits local stack — data in " + data);
        stack.startInfrastructure();
        writeChildPids();
        done("PostgreSQL on 127.0.0.1:" + stack.postgres().port() + " — databases "
                + ProcessStack.SERVICES.stream().map(ProcessStack.Service::database).collect(Collectors.joining(", ")));
        done("Kafka on " + stack.kafka().bootstrapServers());
        done("SMTP " + smtpDescription());
        if (stack.keycloak() != null) {
            done("Keycloak on " + stack.keycloak().baseUrl() + " — realm " + KeycloakServer.REALM);
        }
        try {
            stack.startServices();
        } finally {
            writeChildPids();
        }
        printSummary(stack.oidcUrl());
        watchServices(stopped);
    }

    private String smtpDescription() {
        SmtpServer smtp = stack.smtp();
        return smtp.host() + ":" + smtp.port() + (smtp.isEmbedded()
                ? " (GreenMail sink in this launcher: mail is kept in memory, not delivered)"
                : " (" + Settings.envName(Settings.SMTP) + ")");
    }

    private void progress(String line) {
        if (line.startsWith("✓ ")) {
            done(line.substring(2));
        } else if (line.startsWith("… ")) {
            System.out.println("  " + line + " (" + elapsed() + ")");
        } else {
            step(line);
        }
    }

    private void printSummary(String oidcUrl) {
        String tokenUrl = oidcUrl + "/protocol/openid-connect/token";
        System.out.println();
        System.out.println("✓ All four services and the billing sandbox are healthy after " + elapsed() + ".");
        System.out.println();
        for (ProcessStack.RunningService s : stack.services()) {
            System.out.printf("  %-21s %s   (Swagger UI: /q/swagger-ui, health: /q/health)%n", s.name(), s.baseUrl());
        }
        System.out.printf("  %-21s %s   (health: /q/health)%n", "billing-sandbox", stack.sandbox().baseUrl());
        System.out.println("  PostgreSQL            127.0.0.1:" + stack.postgres().port()
                + "  user postgres / postgres");
        System.out.println("  Kafka                 " + stack.kafka().bootstrapServers());
        System.out.println("  OIDC realm            " + oidcUrl + (stack.keycloak() != null
                ? "   (admin console: " + stack.keycloak().baseUrl() + "/admin, admin / admin)" : ""));
        System.out.println("  SMTP (notifications)  " + smtpDescription());
        System.out.println("  Logs                  " + data.resolve("logs"));
        System.out.println();
        // Top-up requests are settled by the billing backend; here a stand-in does it, and says how.
        System.out.println("billing sandbox: " + ProcessStack.sandboxRules());
        System.out.println("  (the billing backend's stand-in, like a payment provider's test mode; what it did: "
                + stack.sandbox().log() + ")");
        System.out.println();
        System.out.println("Token for the sample admin (ada@acme.example):");
        System.out.println();
        System.out.println("  TOKEN=$(curl -s -d grant_type=password -d client_id=team-credits-web -d username=ada "
                + "-d password=ada " + tokenUrl + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8081/v1/whoami");
        System.out.println();
        System.out.println("Next: the quick start at the top of README.md, from a token to a first spend.");
        System.out.println();
        System.out.println("Ctrl-C (or ./run-local stop) stops everything.");
    }

    private void watchServices(CountDownLatch stopped) {
        List<ProcessStack.RunningService> services = new ArrayList<>(stack.services());
        services.add(stack.sandbox());
        boolean[] reported = new boolean[services.size()];
        while (stopped.getCount() > 0) {
            for (int i = 0; i < services.size(); i++) {
                if (!reported[i] && !services.get(i).isAlive() && !stopping.get()) {
                    reported[i] = true;
                    System.err.println("! " + services.get(i).name() + " exited; see " + services.get(i).log());
                }
            }
            sleep(1000);
        }
    }

    private synchronized void stopAll() {
        if (stack != null) {
            stack.close();
        }
        try {
            Files.deleteIfExists(childPidsFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // Best effort: a stale pid file is detected as such next time.
        }
    }

    /** Records every process we started, so {@code stop} can clean up even after a kill -9 of the launcher. */
    private void writeChildPids() {
        List<Long> pids = new ArrayList<>(stack.pids());
        postmasterPid().ifPresent(pids::add);
        try {
            Files.writeString(childPidsFile(), pids.stream().map(String::valueOf).collect(Collectors.joining("\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Long> postmasterPid() {
        Path file = data.resolve("postgres/postmaster.pid");
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readAllLines(file).get(0).trim()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<ProcessHandle> runningLauncher() {
        try {
            if (!Files.exists(pidFile())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopRunning() {
        Optional<ProcessHandle> launcher = runningLauncher();
        if (launcher.isPresent()) {
            step("Stopping the local stack (pid " + launcher.get().pid() + ")");
            launcher.get().destroy();
            Ports.await(Duration.ofSeconds(90), () -> !launcher.get().isAlive());
        }
        // Whatever outlived its launcher (say, after kill -9) is stopped here.
        List<ProcessHandle> leftovers = new ArrayList<>();
        try {
            if (Files.exists(childPidsFile())) {
                for (String line : Files.readAllLines(childPidsFile())) {
                    ProcessHandle.of(Long.parseLong(line.trim())).filter(ProcessHandle::isAlive)
                            .ifPresent(leftovers::add);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Could not read " + childPidsFile(), e);
        }
        leftovers.forEach(ProcessHandle::destroy);
        Ports.await(Duration.ofSeconds(30), () -> leftovers.stream().noneMatch(ProcessHandle::isAlive));
        leftovers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(childPidsFile());
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        done(launcher.isEmpty() && leftovers.isEmpty() ? "Nothing was running" : "Stopped");
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(ProcessStack.SERVICES.stream().map(ProcessStack.Service::port).toList());
        ports.add(ProcessStack.BILLING_SANDBOX.port());
        if (Settings.get(Settings.OIDC_URL).isEmpty()) {
            ports.add(KEYCLOAK_PORT);
        }
        if (Settings.get(Settings.POSTGRES_URL).isEmpty()) {
            ports.add(POSTGRES_PORT);
        }
        if (Settings.get(Settings.KAFKA_BOOTSTRAP_SERVERS).isEmpty()) {
            ports.add(KAFKA_PORT);
        }
        if (Settings.get(Settings.SMTP).isEmpty()) {
            ports.add(SMTP_PORT);
        }
        List<Integer> busy = ports.stream().filter(p -> Ports.isOpen(Ports.LOOPBACK, p)).toList();
        if (!busy.isEmpty()) {
            throw new IllegalStateException("Ports already in use on 127.0.0.1: " + busy
                    + " — is another stack running? (./run-local stop)");
        }
    }

    private String elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + " s";
    }

    private void step(String what) {
        System.out.println("→ " + what + " [" + elapsed() + "]");
    }

    private void done(String what) {
        System.out.println("  ✓ " + what + " [" + elapsed() + "]");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
