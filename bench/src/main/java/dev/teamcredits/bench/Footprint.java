package dev.teamcredits.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Memory and start time of the service processes, read from /proc (Linux). A service is the java
 * process whose command runs {@code <service>/…/quarkus-run.jar} with {@code QUARKUS_HTTP_PORT} = its
 * port in its environment (how ./run-local starts them), so another stack on the machine is not
 * mistaken for ours.
 */
final class Footprint {

    /** A running service process and how it was started. */
    record ServiceProcess(String service, long pid, List<String> command, Map<String, String> env, Path cwd) {
    }

    /** {@code cpuMillis}: CPU time the process used until ready, steadier than wall time on a busy machine. */
    record Start(long millisToReady, long cpuMillis, long rssKbAtReady) {
    }

    private Footprint() {
    }

    static Optional<ServiceProcess> find(String service, int port) {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
                    Path cwd = proc.resolve("cwd").toRealPath();
                    String jar = service + "/target/quarkus-app/quarkus-run.jar";
                    if (command.stream().noneMatch(a -> a.endsWith("/" + jar) || cwd.resolve(a).endsWith(jar))) {
                        continue;
                    }
                    Map<String, String> env = new LinkedHashMap<>();
                    for (String kv : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            env.put(kv.substring(0, eq), kv.substring(eq + 1));
                        }
                    }
                    if (Integer.toString(port).equals(env.get("QUARKUS_HTTP_PORT"))) {
                        return Optional.of(new ServiceProcess(service, Long.parseLong(proc.getFileName().toString()),
                                command, env, cwd));
                    }
                } catch (IOException e) {
                    // A process that ended meanwhile, or one we may not read: not ours.
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** VmRSS of a process in kB, or -1 if it is gone. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Starts a second instance of the service exactly as the stack started it (same command, JVM flags,
     * environment and folder) on a free port, alone, and times process start → {@code /q/health/ready}
     * 200. It joins the same database and consumer group as the running one, as a replica would, and
     * is stopped (SIGTERM) once measured.
     */
    static Start startAlone(ServiceProcess p, Path log) {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>(p.env());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(p.command()).directory(p.cwd().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + p.service() + ": " + e, e);
        }
        try {
            long deadline = start + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(p.service() + " exited while starting; see " + log);
                }
                try {
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        return new Start(millis, cpuMillis(process.pid()), rssKb(process.pid()));
                    }
                } catch (IOException e) {
                    // Not listening yet.
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException(p.service() + " not ready after 2 minutes; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            stop(process);
        }
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat, in clock ticks of 10 ms). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> nulSeparated(byte[] bytes) {
        List<String> parts = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")));
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
