package dev.teamcredits.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * deploy/k8s: every overlay renders with {@code kubectl kustomize}, every rendered object validates
 * against the Kubernetes schemas, and each service's Deployment, Service, HPA and PDB are wired to
 * each other, to the services' configuration and to the operators' resources. The stand-ins
 * ({@link Repo#STAND_INS}) are deployed nowhere.
 */
class KubernetesOverlaysTest {

    private static final Map<String, List<ObjectNode>> RENDERED = new TreeMap<>();
    /** Dedicated LISTEN connections a replica may hold besides its pool: the outbox relay's and the live stream's. */
    private static final int LISTEN_CONNECTIONS = 2;

    @BeforeAll
    static void renderEveryOverlay() throws IOException {
        try (Stream<Path> dirs = Files.list(Repo.K8S.resolve("overlays"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                RENDERED.put(dir.getFileName().toString(), Tools.kustomize(dir));
            }
        }
    }

    @Test
    void devAndProdOverlaysExist() {
        assertTrue(RENDERED.keySet().containsAll(Set.of("dev", "prod")), "overlays: " + RENDERED.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyRenderedObjectValidatesAgainstTheSchemas() {
        return RENDERED.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<String> errors = Tools.validateKubernetes(e.getValue());
            assertTrue(errors.isEmpty(), "overlays/" + e.getKey() + ":\n" + String.join("\n", errors));
        }));
    }

    @Test
    void baseRendersAndValidatesOnItsOwn() {
        List<ObjectNode> base = Tools.kustomize(Repo.K8S.resolve("base"));
        List<String> errors = Tools.validateKubernetes(base);
        assertTrue(errors.isEmpty(), "base:\n" + String.join("\n", errors));
    }

    /**
     * The base runs the images the image profile builds, and each overlay's images: entry really
     * rewrites them (kustomize silently ignores an entry whose name matches nothing).
     */
    @Test
    void imagesAreTheProfilesAndOverlaysRewriteThem() {
        ImageProfile profile = ImageProfile.read();
        List<ObjectNode> base = Tools.kustomize(Repo.K8S.resolve("base"));
        for (Repo.Service s : Repo.productionServices()) {
            String baseImage = image(base, s.name());
            assertTrue(baseImage.equals(profile.imageOf(s.name())), s.name() + ": base runs " + baseImage
                    + ", the image profile builds " + profile.imageOf(s.name()));
            RENDERED.forEach((overlay, objects) -> assertTrue(!image(objects, s.name()).equals(baseImage),
                    "overlays/" + overlay + " does not set the image of " + s.name() + " (images: name must be "
                            + profile.repositoryOf(s.name()) + ")"));
        }
    }

    private static String image(List<ObjectNode> objects, String service) {
        return find(objects, "Deployment", service).orElseThrow().path("spec").path("template").path("spec")
                .path("containers").path(0).path("image").asText();
    }

    @TestFactory
    Stream<DynamicTest> everythingLivesInTheOverlaysNamespace() {
        return RENDERED.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<ObjectNode> objects = e.getValue();
            List<String> namespaces = objects.stream().filter(o -> kind(o).equals("Namespace")).map(KubernetesOverlaysTest::name)
                    .toList();
            assertTrue(namespaces.size() == 1, e.getKey() + " renders one Namespace, not " + namespaces);
            for (ObjectNode o : objects) {
                if (!kind(o).equals("Namespace")) {
                    assertTrue(namespaces.get(0).equals(o.path("metadata").path("namespace").asText()),
                            e.getKey() + ": " + kind(o) + "/" + name(o) + " is not in " + namespaces.get(0));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyServiceIsDeployedProbedScaledAndProtected() {
        return RENDERED.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<String> problems = new ArrayList<>();
            for (Repo.Service s : Repo.productionServices()) {
                problems.addAll(checkService(e.getValue(), s).stream().map(p -> s.name() + ": " + p).toList());
            }
            assertTrue(problems.isEmpty(), "overlays/" + e.getKey() + ":\n" + String.join("\n", problems));
        }));
    }

    /** Every setting the service's configuration needs in production is set, and none from the local stack. */
    @TestFactory
    Stream<DynamicTest> everyServiceGetsWhatItNeedsInProduction() {
        return RENDERED.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<String> problems = new ArrayList<>();
            for (Repo.Service s : Repo.productionServices()) {
                Optional<ObjectNode> deployment = find(e.getValue(), "Deployment", s.name());
                if (deployment.isEmpty()) {
                    problems.add(s.name() + ": no Deployment");
                    continue;
                }
                Map<String, ProductionSettings.Source> env = containerEnv(e.getValue(), deployment.get(), problems);
                problems.addAll(ProductionSettings.violations(ServiceConfig.of(s), env, true));
            }
            assertTrue(problems.isEmpty(), "overlays/" + e.getKey() + ":\n" + String.join("\n", problems));
        }));
    }

    /**
     * With the operator components, the services point at what the operators create: the Strimzi
     * bootstrap service, a KafkaTopic for every topic (replicated no more than there are brokers,
     * partitioned at least as widely as a consumer can scale), and each service's CloudNativePG
     * cluster with its generated Secret.
     */
    @TestFactory
    Stream<DynamicTest> operatorResourcesMatchTheServices() {
        return RENDERED.entrySet().stream().map(e -> dynamicTest(e.getKey(), () -> {
            List<String> problems = new ArrayList<>();
            checkKafka(e.getValue(), problems);
            checkPostgres(e.getValue(), problems);
            assertTrue(problems.isEmpty(), "overlays/" + e.getKey() + ":\n" + String.join("\n", problems));
        }));
    }

    /**
     * A stand-in (the billing sandbox, a payment provider's test mode) would settle real top-up requests without a
     * payment: the base and every overlay render nothing of it, neither by name nor by image.
     */
    @Test
    void noStandInIsDeployed() {
        assertEquals(Repo.STAND_INS, Set.copyOf(Repo.standIns().stream().map(Repo.Service::name).toList()),
                "every stand-in named in Repo.STAND_INS is a module of the root pom");
        Map<String, List<ObjectNode>> everything = new TreeMap<>(RENDERED);
        everything.put("base", Tools.kustomize(Repo.K8S.resolve("base")));
        everything.forEach((where, objects) -> {
            for (Repo.Service s : Repo.standIns()) {
                for (ObjectNode o : objects) {
                    assertTrue(!name(o).contains(s.name()) && !o.toString().contains("/" + s.name() + ":"),
                            where + " deploys the stand-in " + s.name() + ": " + kind(o) + "/" + name(o));
                }
            }
        });
    }

    @Test
    void prodRunsMoreReplicasThanDev() {
        for (Repo.Service s : Repo.productionServices()) {
            int dev = find(RENDERED.get("dev"), "Deployment", s.name()).orElseThrow().path("spec").path("replicas").asInt();
            int prod = find(RENDERED.get("prod"), "Deployment", s.name()).orElseThrow().path("spec").path("replicas").asInt();
            int devMin = find(RENDERED.get("dev"), "HorizontalPodAutoscaler", s.name()).orElseThrow().path("spec")
                    .path("minReplicas").asInt();
            int prodMin = find(RENDERED.get("prod"), "HorizontalPodAutoscaler", s.name()).orElseThrow().path("spec")
                    .path("minReplicas").asInt();
            assertTrue(prod > dev && prodMin > devMin && prodMin >= 2, s.name() + ": prod must run more replicas than dev"
                    + " (and at least 2): dev " + dev + "/min " + devMin + ", prod " + prod + "/min " + prodMin);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static List<String> checkService(List<ObjectNode> objects, Repo.Service s) {
        List<String> problems = new ArrayList<>();
        ServiceConfig config = ServiceConfig.of(s);
        ObjectNode deployment = find(objects, "Deployment", s.name()).orElse(null);
        if (deployment == null) {
            return List.of("no Deployment named " + s.name());
        }
        JsonNode spec = deployment.path("spec");
        JsonNode podLabels = spec.path("template").path("metadata").path("labels");
        if (!selects(spec.path("selector").path("matchLabels"), podLabels)) {
            problems.add("the Deployment's selector does not match its pods' labels");
        }
        JsonNode pod = spec.path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);
        if (!container.path("image").asText().matches(".*/" + s.name() + ":[^/:]+")) {
            problems.add("runs image " + container.path("image").asText() + ", not a " + s.name() + " image");
        }
        Map<String, ProductionSettings.Source> env = containerEnv(objects, deployment, problems);
        int port = env.get("QUARKUS_HTTP_PORT") instanceof ProductionSettings.Literal l ? Integer.parseInt(l.value())
                : config.httpPort();
        Optional<JsonNode> http = stream(container.path("ports")).filter(p -> p.path("containerPort").asInt() == port)
                .findFirst();
        if (http.isEmpty()) {
            problems.add("declares no containerPort " + port + " (the service's HTTP port)");
        }
        String portName = http.map(p -> p.path("name").asText()).orElse("");
        probe(container, "livenessProbe", "/q/health/live", port, portName, true, problems);
        probe(container, "readinessProbe", "/q/health/ready", port, portName, true, problems);
        probe(container, "startupProbe", "/q/health/started", port, portName, false, problems);
        for (String r : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
            if (container.path("resources").at("/" + r).isMissingNode()) {
                problems.add("sets no resources." + r.replace('/', '.'));
            }
        }
        String imageUser = ImageProfile.read().user();
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)
                || !pod.path("securityContext").path("runAsUser").asText().equals(imageUser)) {
            problems.add("must run as non-root user " + imageUser + " (the image's user)");
        }
        if (container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add("must not allow privilege escalation");
        }
        if (container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)
                && stream(container.path("volumeMounts")).noneMatch(m -> m.path("mountPath").asText().equals("/tmp"))) {
            problems.add("has a read-only root file system but no writable /tmp (Quarkus and Vert.x write there)");
        }

        Optional<ObjectNode> service = find(objects, "Service", s.name());
        if (service.isEmpty()) {
            problems.add("no Service named " + s.name());
        } else {
            if (!selects(service.get().path("spec").path("selector"), podLabels)) {
                problems.add("the Service's selector does not match the pods");
            }
            if (stream(service.get().path("spec").path("ports")).noneMatch(p -> p.path("targetPort").asText().equals(portName)
                    || p.path("targetPort").asInt(-1) == port)) {
                problems.add("the Service does not target the HTTP port");
            }
        }

        int replicas = spec.path("replicas").asInt(0);
        Optional<ObjectNode> hpa = find(objects, "HorizontalPodAutoscaler", s.name());
        if (hpa.isEmpty()) {
            problems.add("no HorizontalPodAutoscaler named " + s.name());
        } else {
            JsonNode h = hpa.get().path("spec");
            if (!h.path("scaleTargetRef").path("kind").asText().equals("Deployment")
                    || !h.path("scaleTargetRef").path("name").asText().equals(s.name())) {
                problems.add("the HorizontalPodAutoscaler does not scale the Deployment");
            }
            int min = h.path("minReplicas").asInt(1);
            if (min < 1 || min > h.path("maxReplicas").asInt() || replicas != min) {
                problems.add("replicas " + replicas + " must equal the HPA's minReplicas " + min + " ≤ maxReplicas");
            }
        }
        Optional<ObjectNode> pdb = find(objects, "PodDisruptionBudget", s.name());
        if (pdb.isEmpty()) {
            problems.add("no PodDisruptionBudget named " + s.name());
        } else {
            JsonNode p = pdb.get().path("spec");
            if (!selects(p.path("selector").path("matchLabels"), podLabels)) {
                problems.add("the PodDisruptionBudget does not select the pods");
            }
            boolean allowsDrain = p.has("maxUnavailable") ? p.path("maxUnavailable").asInt(0) >= 1
                    : p.path("minAvailable").isInt() && p.path("minAvailable").asInt() < replicas;
            if (!allowsDrain) {
                problems.add("the PodDisruptionBudget never lets a node drain "
                        + "(needs maxUnavailable ≥ 1 or minAvailable < replicas)");
            }
        }
        return problems;
    }

    private static void probe(JsonNode container, String probe, String path, int port, String portName, boolean required,
            List<String> problems) {
        JsonNode get = container.path(probe).path("httpGet");
        if (get.isMissingNode()) {
            if (required) {
                problems.add("has no " + probe);
            }
            return;
        }
        boolean portOk = get.path("port").asText().equals(portName) && !portName.isEmpty() || get.path("port").asInt(-1) == port;
        if (!get.path("path").asText().equals(path) || !portOk) {
            problems.add(probe + " must GET " + path + " on port " + port + ", not " + get);
        }
    }

    /** What the container's environment holds: envFrom ConfigMaps first, env entries over them. */
    private static Map<String, ProductionSettings.Source> containerEnv(List<ObjectNode> objects, ObjectNode deployment,
            List<String> problems) {
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
        Map<String, ProductionSettings.Source> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm != null) {
                Optional<ObjectNode> map = find(objects, "ConfigMap", cm);
                if (map.isEmpty()) {
                    problems.add(name(deployment) + " reads ConfigMap " + cm + ", which is not rendered");
                } else {
                    map.get().path("data").fields().forEachRemaining(d -> env.put(from.path("prefix").asText("") + d.getKey(),
                            new ProductionSettings.Literal(d.getValue().asText(), "ConfigMap " + cm)));
                }
            }
        }
        for (JsonNode e : container.path("env")) {
            String var = e.path("name").asText();
            if (e.has("value")) {
                env.put(var, new ProductionSettings.Literal(e.path("value").asText(),
                        "the env of Deployment " + name(deployment)));
            } else if (e.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                env.put(var, new ProductionSettings.FromSecret(ref.path("name").asText(), ref.path("key").asText()));
            } else if (e.path("valueFrom").has("configMapKeyRef")) {
                JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
                Optional<ObjectNode> map = find(objects, "ConfigMap", ref.path("name").asText());
                JsonNode value = map.map(m -> m.path("data").path(ref.path("key").asText())).orElse(null);
                if (value == null || value.isMissingNode()) {
                    problems.add(name(deployment) + ": " + var + " reads a missing ConfigMap key " + ref);
                } else {
                    env.put(var, new ProductionSettings.Literal(value.asText(), "ConfigMap " + ref.path("name").asText()));
                }
            }
        }
        return env;
    }

    private static void checkKafka(List<ObjectNode> objects, List<String> problems) {
        List<ObjectNode> clusters = ofKind(objects, "Kafka");
        List<ObjectNode> topics = ofKind(objects, "KafkaTopic");
        if (clusters.isEmpty()) {
            if (!topics.isEmpty()) {
                problems.add("KafkaTopic resources without a Kafka cluster");
            }
            return; // Kafka is provided outside the cluster (managed service)
        }
        Map<String, Integer> brokers = new TreeMap<>();
        for (ObjectNode kafka : clusters) {
            int count = ofKind(objects, "KafkaNodePool").stream()
                    .filter(p -> p.path("metadata").path("labels").path("strimzi.io/cluster").asText().equals(name(kafka)))
                    .filter(p -> stream(p.path("spec").path("roles")).anyMatch(r -> r.asText().equals("broker")))
                    .mapToInt(p -> p.path("spec").path("replicas").asInt()).sum();
            brokers.put(name(kafka), count);
            JsonNode config = kafka.path("spec").path("kafka").path("config");
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor", "min.insync.replicas")) {
                if (config.path(key).asInt(1) > count) {
                    problems.add("Kafka " + name(kafka) + ": " + key + " " + config.path(key).asInt() + " > " + count
                            + " brokers");
                }
            }
        }
        Map<String, ObjectNode> byTopic = new TreeMap<>();
        for (ObjectNode t : topics) {
            byTopic.put(t.path("spec").path("topicName").asText(name(t)), t);
        }
        Map<String, Integer> maxConsumers = new TreeMap<>();
        for (Repo.Service s : Repo.productionServices()) {
            int max = find(objects, "HorizontalPodAutoscaler", s.name()).map(h -> h.path("spec").path("maxReplicas").asInt())
                    .orElse(1);
            for (var e : ServiceConfig.of(s).properties().entrySet()) {
                if (e.getKey().matches("mp\\.messaging\\.incoming\\.[^.]+\\.topics?")) {
                    for (String topic : e.getValue().split(",")) {
                        maxConsumers.merge(topic.trim(), max, Math::max);
                    }
                }
            }
        }
        for (String topic : ProductionSettings.requiredTopics()) {
            ObjectNode t = byTopic.get(topic);
            if (t == null) {
                problems.add("no KafkaTopic for " + topic);
                continue;
            }
            String cluster = t.path("metadata").path("labels").path("strimzi.io/cluster").asText();
            Integer count = brokers.get(cluster);
            JsonNode spec = t.path("spec");
            if (count == null) {
                problems.add("KafkaTopic " + topic + " names no rendered Kafka cluster: " + cluster);
                continue;
            }
            int replicas = spec.path("replicas").asInt();
            if (replicas > count) {
                problems.add("KafkaTopic " + topic + ": " + replicas + " replicas but " + count + " brokers");
            }
            if (spec.path("config").path("min.insync.replicas").asInt(1) > replicas) {
                problems.add("KafkaTopic " + topic + ": min.insync.replicas above its replicas (acks=all producers would fail)");
            }
            int consumers = maxConsumers.getOrDefault(topic, 1);
            if (spec.path("partitions").asInt() < consumers) {
                problems.add("KafkaTopic " + topic + ": " + spec.path("partitions").asInt() + " partitions, but up to "
                        + consumers + " replicas of a consumer: the extra ones would sit idle");
            }
        }
        for (Repo.Service s : Repo.productionServices()) {
            Optional<ObjectNode> deployment = find(objects, "Deployment", s.name());
            if (deployment.isEmpty()) {
                continue;
            }
            var env = containerEnv(objects, deployment.get(), new ArrayList<>());
            String bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS") instanceof ProductionSettings.Literal l ? l.value() : "";
            boolean matches = false;
            for (ObjectNode kafka : clusters) {
                for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                    matches |= listener.path("type").asText().equals("internal") && !listener.path("tls").asBoolean()
                            && bootstrap.equals(name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
                }
            }
            if (!matches) {
                problems.add(s.name() + ": KAFKA_BOOTSTRAP_SERVERS " + bootstrap
                        + " is not the plain internal listener of the rendered Kafka cluster");
            }
        }
    }

    private static void checkPostgres(List<ObjectNode> objects, List<String> problems) {
        List<ObjectNode> clusters = ofKind(objects, "Cluster").stream()
                .filter(c -> c.path("apiVersion").asText().startsWith("postgresql.cnpg.io/")).toList();
        if (clusters.isEmpty()) {
            return; // PostgreSQL is provided outside the cluster (managed service)
        }
        for (Repo.Service s : Repo.productionServices()) {
            Optional<ObjectNode> deployment = find(objects, "Deployment", s.name());
            if (deployment.isEmpty()) {
                continue;
            }
            String database = ServiceConfig.of(s).database();
            var env = containerEnv(objects, deployment.get(), new ArrayList<>());
            for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                String value = env.get(url) instanceof ProductionSettings.Literal l ? l.value() : "";
                String host = value.replaceFirst("^(jdbc:)?postgresql://", "").replaceFirst("[:/].*$", "");
                Optional<ObjectNode> cluster = clusters.stream().filter(c -> host.equals(name(c) + "-rw")).findFirst();
                if (cluster.isEmpty()) {
                    problems.add(s.name() + ": " + url + " " + value + " is not the read-write service of a rendered Cluster");
                    continue;
                }
                if (url.endsWith("REACTIVE_URL")) {
                    checkConnections(objects, s, cluster.get(), problems);
                }
                String initDb = cluster.get().path("spec").path("bootstrap").path("initdb").path("database").asText();
                if (!initDb.equals(database)) {
                    problems.add(s.name() + ": Cluster " + name(cluster.get()) + " creates database " + initDb
                            + ", the service uses " + database);
                }
                for (String cred : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                    if (!(env.get(cred) instanceof ProductionSettings.FromSecret secret)
                            || !secret.secret().equals(name(cluster.get()) + "-app")) {
                        problems.add(s.name() + ": " + cred + " must come from " + name(cluster.get())
                                + "-app, the Secret CloudNativePG creates for the database owner");
                    }
                }
            }
        }
    }

    /**
     * At the HPA's maximum, every replica's reactive pool (quarkus.datasource.reactive.max-size,
     * Quarkus' default 20) plus a couple of JDBC connections for Flyway and its LISTEN connections
     * (the outbox relay's wake, the notification stream) must fit in the cluster's max_connections
     * (PostgreSQL's default 100, minus 3 reserved for superusers).
     */
    private static void checkConnections(List<ObjectNode> objects, Repo.Service s, ObjectNode cluster,
            List<String> problems) {
        int maxReplicas = find(objects, "HorizontalPodAutoscaler", s.name())
                .map(h -> h.path("spec").path("maxReplicas").asInt()).orElse(1);
        int pool = Integer.parseInt(ServiceConfig.of(s).properties().getOrDefault("quarkus.datasource.reactive.max-size", "20"));
        int needed = maxReplicas * (pool + 2 + LISTEN_CONNECTIONS);
        int available = cluster.path("spec").path("postgresql").path("parameters").path("max_connections").asInt(100) - 3;
        if (needed > available) {
            problems.add(s.name() + ": up to " + maxReplicas + " replicas × (" + pool + " reactive + 2 JDBC + "
                    + LISTEN_CONNECTIONS + " LISTEN) = " + needed
                    + " connections, but Cluster " + name(cluster) + " allows " + available);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static Optional<ObjectNode> find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind(o).equals(kind) && name(o).equals(name)).findFirst();
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind(o).equals(kind)).toList();
    }

    private static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }
}
