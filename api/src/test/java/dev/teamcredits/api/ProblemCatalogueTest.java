package dev.teamcredits.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PROBLEMS.md, the catalogue of problem types, agrees with the code and the documents: every slug the services and
 * common construct is in it with the same status, every slug a document lists in {@code x-problem-types} is in it,
 * and every row is constructed somewhere.
 */
class ProblemCatalogueTest {

    static final List<String> SOURCE_MODULES = List.of("common", "team-service", "ledger-service", "usage-service",
            "notification-service");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9-]+)` \\| (\\d{3}) \\|.*$", Pattern.MULTILINE);
    /** {@code new Problem("slug", "title", status} and {@code ProblemException("slug", "title", status}. */
    private static final Pattern LITERAL = Pattern.compile(
            "(?:new\\s+Problem|ProblemException)\\(\\s*\"([a-z0-9-]+)\"\\s*,\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,\\s*(\\d{3})\\b");
    /** A status switch choosing the slug ({@code case 404 -> "not-found"}), as in common's ProblemMappers. */
    private static final Pattern CASE = Pattern.compile("case\\s+(\\d{3})\\s*->\\s*\"([a-z0-9-]+)\"");
    private static final Pattern ANY_CONSTRUCTION = Pattern.compile("new\\s+(Problem|ProblemException)\\(\\s*(\\S{0,12})");
    /**
     * Constructions whose slug is not a literal, and why they are still all seen: file name → what its first
     * argument is.
     */
    private static final Map<String, String> DYNAMIC = Map.of(
            "ProblemException.java", "slug,", // its delegating constructor: callers pass literals, scanned above
            "ProblemMappers.java", "slug,"); // the status switch of framework errors, scanned with CASE

    private static final Map<String, Integer> CATALOGUE = new TreeMap<>();
    private static final Map<String, Set<String>> IN_CODE = new TreeMap<>();
    private static final List<String> UNSEEN = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        String catalogue = Files.readString(Path.of("PROBLEMS.md"));
        Matcher row = ROW.matcher(catalogue);
        while (row.find()) {
            Integer earlier = CATALOGUE.put(row.group(1), Integer.valueOf(row.group(2)));
            assertTrue(earlier == null, "PROBLEMS.md lists " + row.group(1) + " twice");
        }
        assertTrue(CATALOGUE.size() > 10, "PROBLEMS.md has no table of slugs: " + CATALOGUE);
        for (String module : SOURCE_MODULES) {
            try (Stream<Path> files = Files.walk(Documents.ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    scan(file, Files.readString(file));
                }
            }
        }
    }

    private static void scan(Path file, String source) {
        String where = Documents.ROOT.relativize(file).toString();
        Matcher literal = LITERAL.matcher(source);
        while (literal.find()) {
            IN_CODE.computeIfAbsent(literal.group(1), s -> new TreeSet<>()).add(literal.group(2) + " " + where);
        }
        if (source.contains("new Problem(")) {
            Matcher cases = CASE.matcher(source);
            while (cases.find()) {
                IN_CODE.computeIfAbsent(cases.group(2), s -> new TreeSet<>()).add(cases.group(1) + " " + where);
            }
        }
        Matcher any = ANY_CONSTRUCTION.matcher(source);
        while (any.find()) {
            String first = any.group(2);
            boolean seen = first.startsWith("\"") || any.group(1).equals("ProblemException")
                    && first.startsWith("new") || first.equals(DYNAMIC.get(file.getFileName().toString()));
            if (!seen) {
                UNSEEN.add(where + ": new " + any.group(1) + "(" + first + "…");
            }
        }
    }

    @Test
    void everyProblemIsConstructedInAWayTheScanSees() {
        assertTrue(UNSEEN.isEmpty(), "problems constructed with a slug that is not a literal (make it one, or teach "
                + "ProblemCatalogueTest the construction):\n" + String.join("\n", UNSEEN));
        assertTrue(IN_CODE.size() > 10, "the scan found almost no problems: " + IN_CODE.keySet());
    }

    @Test
    void everySlugTheCodeAnswersIsInTheCatalogueWithItsStatus() {
        List<String> problems = new ArrayList<>();
        IN_CODE.forEach((slug, places) -> {
            Set<Integer> statuses = new TreeSet<>();
            places.forEach(p -> statuses.add(Integer.valueOf(p.substring(0, 3))));
            if (statuses.size() > 1) {
                problems.add(slug + " is answered with several statuses: " + places);
            }
            Integer listed = CATALOGUE.get(slug);
            if (listed == null) {
                problems.add(slug + " (" + places + ") is not in PROBLEMS.md");
            } else if (!statuses.contains(listed)) {
                problems.add(slug + " is " + listed + " in PROBLEMS.md, " + places + " in the code");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySlugOfEveryDocumentIsInTheCatalogue() {
        List<String> problems = new ArrayList<>();
        Documents.all().forEach((name, document) -> Documents.operations(document).forEach(op ->
                op.node().path("responses").fields().forEachRemaining(r -> {
                    JsonNode response = Documents.resolve(document, r.getValue());
                    for (JsonNode slug : response.path("x-problem-types")) {
                        if (!CATALOGUE.containsKey(slug.asText())) {
                            problems.add(name + ": " + op + " " + r.getKey() + " lists " + slug.asText());
                        } else if (!String.valueOf(CATALOGUE.get(slug.asText())).equals(r.getKey())) {
                            problems.add(name + ": " + op + " " + r.getKey() + " lists " + slug.asText() + ", which is "
                                    + CATALOGUE.get(slug.asText()) + " in PROBLEMS.md");
                        }
                    }
                })));
        assertTrue(problems.isEmpty(), "slugs of the documents that PROBLEMS.md does not list with that status:\n"
                + String.join("\n", problems));
    }

    @Test
    void everyCatalogueRowIsAnsweredSomewhereInTheCode() {
        List<String> unanswered = CATALOGUE.keySet().stream().filter(slug -> !IN_CODE.containsKey(slug)).toList();
        assertTrue(unanswered.isEmpty(), "PROBLEMS.md lists slugs no code answers: " + unanswered);
    }
}
