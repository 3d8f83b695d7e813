package dev.teamcredits.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka 4.3 broker: the cluster {@link Settings#KAFKA_BOOTSTRAP_SERVERS} names, or
 * else a single KRaft node (broker and controller) in a child JVM, with its log directory in a
 * folder of ours. It can be stopped and started again on the same ports, for outage tests.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
            "-Djava.awt.headless=true");

    private final String bootstrapServers;
    private final Path dir;
    private final int port;
    private ChildProcess process;

    private KafkaBroker(String bootstrapServers, Path dir, int port) {
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
        this.port = port;
    }

    /**
     * The configured cluster, or a broker on {@code port} (0 = any) keeping its logs in {@code dir};
     * {@code fresh} wipes that folder first.
     */
    public static KafkaBroker startOrConnect(Path dir, int port, boolean fresh) {
        var external = Settings.get(Settings.KAFKA_BOOTSTRAP_SERVERS);
        if (external.isPresent()) {
            return new KafkaBroker(external.get(), null, -1);
        }
        if (fresh) {
            Dirs.deleteTree(dir);
        }
        int brokerPort = port == 0 ? Ports.free() : port;
        KafkaBroker broker = new KafkaBroker(Ports.LOOPBACK + ":" + brokerPort, dir, brokerPort);
        broker.writeConfig(port == 0 ? Ports.free() : port + 1);
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean isEmbedded() {
        return dir != null;
    }

    public ChildProcess process() {
        return process;
    }

    private Path config() {
        return dir.resolve("server.properties");
    }

    private void writeConfig(int controllerPort) {
        try {
            Files.createDirectories(dir);
            if (Files.exists(config())) {
                return; // Keep the ports and cluster of an earlier run: the data depends on them.
            }
            String listeners = "PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d".formatted(Ports.LOOPBACK, port,
                    controllerPort);
            Files.writeString(config(), String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "listeners=" + listeners,
                    "advertised.listeners=PLAINTEXT://" + Ports.LOOPBACK + ":" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "controller.quorum.bootstrap.servers=" + Ports.LOOPBACK + ":" + controllerPort,
                    "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                    // Partitions are keyed by org id; three let consumers scale a little locally.
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true",
                    "") + "\n");
            Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                    "rootLogger.level=INFO",
                    "rootLogger.appenderRef.stdout.ref=STDOUT",
                    "appender.stdout.type=Console",
                    "appender.stdout.name=STDOUT",
                    "appender.stdout.layout.type=PatternLayout",
                    "appender.stdout.layout.pattern=[%d] %p %m (%c)%n",
                    "logger.kafka.name=kafka",
                    "logger.kafka.level=WARN",
                    "logger.apache.name=org.apache.kafka",
                    "logger.apache.level=WARN",
                    "logger.started.name=kafka.server.KafkaRaftServer",
                    "logger.started.level=INFO",
                    "") + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts (or restarts) the broker process and waits until it serves clients. */
    public synchronized void start() {
        if (!isEmbedded() || (process != null && process.isAlive())) {
            return;
        }
        String classpath = InfraArtifacts.kafkaBrokerClasspath();
        List<String> jvm = new java.util.ArrayList<>(JVM_OPTIONS);
        jvm.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toAbsolutePath());
        Path log = dir.resolve("broker.log");
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            ChildProcess format = ChildProcess.start("kafka-format", ChildProcess.javaCommand(jvm, classpath,
                    "kafka.tools.StorageTool", "format", "--standalone", "--ignore-formatted",
                    "--cluster-id", randomClusterId(), "--config", config().toString()), Map.of(), dir, log);
            if (!Ports.await(Duration.ofSeconds(60), () -> !format.isAlive())) {
                format.stop();
                throw new IllegalStateException("Formatting Kafka storage timed out:\n" + format.logTail(30));
            }
        }
        process = ChildProcess.start("kafka", ChildProcess.javaCommand(jvm, classpath, "kafka.Kafka",
                config().toString()), Map.of(), dir, log);
        int logStart = process.logText().length();
        boolean ready = Ports.await(Duration.ofSeconds(90), () -> !process.isAlive()
                || (Ports.isOpen(Ports.LOOPBACK, port) && process.logText().indexOf("Kafka Server started",
                        logStart) >= 0));
        if (!ready || !process.isAlive()) {
            String tail = process.logTail(40);
            process.stop();
            throw new IllegalStateException("Kafka did not start on port " + port + ":\n" + tail);
        }
    }

    /** Stops the broker process (graceful); {@link #start()} brings it back with the same data. */
    public synchronized void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Like Kafka's own Uuid: base64url, never starting with '-' (the tool would read it as an option). */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
