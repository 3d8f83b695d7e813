package dev.teamcredits.systemtests;

import dev.teamcredits.local.KeycloakServer;
import dev.teamcredits.local.SmtpServer;
import dev.teamcredits.local.ProcessStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One real stack for the whole module, started by the first test class that needs it and stopped
 * when JUnit finishes (and, if the JVM dies first, by the child processes' shutdown hooks). It is
 * {@link ProcessStack}, the same launcher code as {@code ./run-local}, on free ports, with fresh data under
 * {@code target/stack}. A failing test prints the tail of every service log.
 */
public final class SystemStack implements BeforeAllCallback, TestWatcher {

    private static ProcessStack stack;
    private static Api api;
    private static EventLog events;

    /** Starts the stack once; later calls return the running one. */
    static synchronized ProcessStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("teamcredits.root", "..")).toAbsolutePath().normalize();
            Path dir = Path.of(System.getProperty("teamcredits.systemtests.dir", "target/stack")).toAbsolutePath();
            Instant started = Instant.now();
            ProcessStack s = new ProcessStack(new ProcessStack.Options(root, dir, dir.resolve("logs"), KeycloakServer.TEST_HOME, true,
                    ProcessStack.Layout.free(), List.of("-Xms64m", "-Xmx320m", "-XX:TieredStopAtLevel=1"), true),
                    line -> System.out.println("[stack] " + line));
            stack = s;
            s.startInfrastructure();
            s.startServices();
            events = new EventLog(s.kafka().bootstrapServers());
            api = new Api(s);
            System.out.println("[stack] ready after " + Duration.between(started, Instant.now()).toSeconds() + " s");
        }
        return stack;
    }

    static Api api() {
        get();
        return api;
    }

    static EventLog events() {
        get();
        return events;
    }

    static SmtpServer smtp() {
        return get().smtp();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
        // Closed by JUnit when the whole run ends, whichever class started it.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent("team-credits-stack",
                k -> new Stopper());
    }

    /** What JUnit closes at the end of the run (either interface, depending on the JUnit version). */
    private static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }

    private static synchronized void stop() {
        if (events != null) {
            events.close();
        }
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (stack == null) {
            return;
        }
        System.out.println("✗ " + context.getDisplayName() + " failed; the service logs end with:");
        List<ProcessStack.RunningService> all = new java.util.ArrayList<>(stack.services());
        if (stack.sandbox() != null) {
            all.add(stack.sandbox());
        }
        for (ProcessStack.RunningService s : all) {
            System.out.println("──── " + s.name() + " (" + s.log() + ")");
            System.out.println(s.logTail(25));
        }
    }
}
