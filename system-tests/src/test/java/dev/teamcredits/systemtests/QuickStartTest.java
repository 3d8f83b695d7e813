package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The root README's quick start, run as written: every {@code bash} block of its "Quick start" section, in order,
 * in one shell, with the addresses pointed at this stack (the blocks default them to {@code ./run-local}'s). Then
 * what it did is checked through the API: the org it made, Ben a member, two purchases, the spends charged once.
 */
@Order(2)
class QuickStartTest extends SystemTestBase {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ORG = Pattern.compile("ORG=([0-9a-f-]{36})");

    @Test
    void theReadmesQuickStartRunsAsWrittenFromATokenToASpendWithCurlAndTheClient() throws Exception {
        String script = "set -euo pipefail\n" + String.join("\n", blocks());
        Path output = Files.createTempFile("quick-start", ".log");
        ProcessBuilder shell = new ProcessBuilder("bash", "-c", script).directory(REPOSITORY.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        shell.environment().put("TEAM", api.team());
        shell.environment().put("LEDGER", api.ledger());
        shell.environment().put("USAGE", api.usage());
        shell.environment().put("TOKEN_URL", api.tokenUrl());
        Process run = shell.start();
        boolean ended = run.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            run.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println("Quick start printed:\n" + printed);
        assertTrue(ended, "the quick start ended within 3 minutes");
        assertEquals(0, run.exitValue(), "the quick start's exit status; it printed:\n" + printed);

        Matcher org = ORG.matcher(printed);
        assertTrue(org.find(), "the quick start printed its org");
        String orgId = org.group(1);
        String ben = Api.id(BEN);
        JsonNode purchases = api.get(ADA, api.ledger() + "/v1/orgs/" + orgId + "/transactions?type=PURCHASE")
                .expect(200).body();
        assertEquals(2, purchases.get("items").size(), "the sandbox's purchase and the example backend's");
        JsonNode spends = api.get(ADA, api.ledger() + "/v1/orgs/" + orgId + "/transactions?type=SPEND")
                .expect(200).body();
        long charged = 0;
        for (JsonNode spend : spends.get("items")) {
            charged += spend.get("amount").asLong();
        }
        assertEquals(10 + 3 + 1, charged, "10 pages with curl, 3 with the client, one email found");
        Waits.until("Ben's usage counts the 14 credits", () -> {
            JsonNode usage = api.get(ADA, api.usage() + "/v1/orgs/" + orgId + "/usage").body();
            for (JsonNode member : usage.get("members")) {
                if (member.get("userId").asText().equals(ben)) {
                    return member.get("creditsUsed").asLong() == 14;
                }
            }
            return false;
        });
        assertTrue(printed.contains("captured"), "the example backend's hold was captured");
    }

    /** The bash blocks of the README's quick-start section, in order. */
    private static List<String> blocks() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Quick start");
        int end = readme.indexOf("\n## ", start + 1);
        assertTrue(start >= 0 && end > start, "the README has a Quick start section");
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme.substring(start, end));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertTrue(blocks.size() >= 3, "the quick start's blocks");
        return blocks;
    }
}
