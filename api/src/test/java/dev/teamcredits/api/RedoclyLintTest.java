package dev.teamcredits.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real linter ({@code redocly lint}, the version pinned in package-lock.json, installed by the build with
 * {@code npm ci} into target/redocly) with the rules of redocly.yaml reports 0 errors and 0 warnings on the merged
 * document and on each service's stored one.
 */
class RedoclyLintTest {

    private static final Path REDOCLY_DIR = Path.of(System.getProperty("teamcredits.api.redocly", "target/redocly"))
            .toAbsolutePath();
    private static final Path CONFIG = Path.of("redocly.yaml").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> redoclyFindsNoErrorAndNoWarningInAnyDocument() {
        return Stream.concat(MergeDocuments.SERVICES.stream(), Stream.of(Documents.MERGED))
                .map(name -> dynamicTest(name, () -> {
                    JsonNode report = lint(Documents.fileOf(name));
                    JsonNode totals = report.path("totals");
                    String problems = describe(report);
                    System.out.println("[redocly] " + name + ": " + totals.path("errors").asInt() + " errors, "
                            + totals.path("warnings").asInt() + " warnings" + (problems.isEmpty() ? "" : "\n" + problems));
                    assertEquals(0, totals.path("errors").asInt() + totals.path("warnings").asInt(),
                            name + " (" + Documents.fileOf(name) + "): " + totals.path("errors").asInt() + " errors, "
                                    + totals.path("warnings").asInt() + " warnings\n" + problems);
                }));
    }

    /** {@code redocly lint --format=json} of {@code file}: its report. */
    static JsonNode lint(Path file) throws IOException, InterruptedException {
        Path cli = REDOCLY_DIR.resolve("node_modules/.bin/redocly");
        assertTrue(Files.isExecutable(cli), cli + " is missing: the build installs it (npm ci in target/redocly, "
                + "phase generate-test-resources); run the module's tests through Maven");
        Path out = Files.createTempFile("redocly-", ".json");
        Path err = Files.createTempFile("redocly-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(cli.toString(), "lint", "--format=json", "--config",
                    CONFIG.toString(), file.toString()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = builder.start();
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "redocly lint did not finish in 3 minutes");
            String json = Files.readString(out);
            assertTrue(json.trim().startsWith("{"), "redocly lint (exit " + process.exitValue() + ") printed no "
                    + "report:\n" + json + Files.readString(err));
            return MergeDocuments.JSON.readTree(json);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The problems grouped by rule: count, then each one's message and place. */
    static String describe(JsonNode report) {
        Map<String, List<String>> byRule = new TreeMap<>();
        for (JsonNode problem : report.path("problems")) {
            String where = problem.path("location").path(0).path("pointer").asText();
            byRule.computeIfAbsent(problem.path("severity").asText() + " " + problem.path("ruleId").asText(),
                    r -> new ArrayList<>()).add(where + ": " + problem.path("message").asText());
        }
        StringBuilder text = new StringBuilder();
        byRule.forEach((rule, problems) -> {
            text.append("  ").append(rule).append(" (").append(problems.size()).append(")\n");
            problems.forEach(p -> text.append("    ").append(p).append('\n'));
        });
        return text.toString();
    }
}
