package dev.teamcredits.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The benchmark against a running local stack: every row of its table beside a reference
 * measured in the same run, then the correctness checks (every run moved the pool by exactly its 2xx
 * spends, no negative balance or open hold, usage counted each spend once, the ledger audit is clean).
 * Exit status 0 when every check passes, 1 when one fails, 2 when the bench could not run.
 * See bench/README.md.
 */
public final class Bench {

    static final List<String> SERVICES = List.of("team-service", "ledger-service", "usage-service",
            "notification-service");
    static final String HISTORY_ORG = "bench history (bench/run --big)";

    private final Options o;
    private final Http http = new Http();
    private final Identity identity;
    private final Scene scene;
    private final Wrk wrk;
    private final Report report = new Report();
    private final String runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    /** Each org's pool right after the bench set it up: what usage must have counted is initial − now. */
    private final Map<String, Long> initialPool = new LinkedHashMap<>();
    private final List<Scene.Org> orgs = new ArrayList<>();

    private Bench(Options options) {
        this.o = options;
        this.identity = new Identity(http, options.oidc);
        this.scene = new Scene(http, identity, options);
        this.wrk = new Wrk(options.benchDir.resolve("wrk"), options.work);
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            System.exit(new Bench(options).run());
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("✗ The bench could not run: " + e.getMessage());
            e.printStackTrace();
            System.exit(2);
        }
    }

    private int run() throws RuntimeException {
        preflight();
        String header = header();
        System.out.println(header);

        Map<String, Long> rssIdle = o.runs("footprint") ? rss() : Map.of();
        if (o.runs("footprint")) {
            System.out.println("→ RSS idle, before any load: " + describe(rssIdle, Report::mb));
        }
        boolean auditCleanBefore = audit().isEmpty();

        boolean needsHot = o.runs("hot") || o.runs("batch") || o.runs("email") || o.runs("freshness")
                || o.runs("overload")
                || o.runs("reads") && !o.big;
        Scene.Org hot = needsHot ? setUp(() -> scene.adminOrg("bench hot " + runId, 1_000_000_000L)) : null;
        List<Scene.Org> spread = o.runs("spread") ? spreadOrgs() : List.of();

        Wrk.Result hotRun = null;
        try (PgBench pg = new PgBench(o.pg, o.benchDir.resolve("pgbench"), o.work)) {
            PgBench.Result pgHot = null;
            if (o.runs("hot") || o.runs("batch")) {
                pg.create();
            }
            if (o.runs("hot")) {
                hotRun = hot(hot);
            }
            if (o.runs("hot") || o.runs("batch")) {
                System.out.println("→ pgbench, " + o.connections + " clients, " + o.seconds + " s, one hot row");
                pgHot = pg.run("hot-row.sql", o.connections, o.seconds);
                System.out.printf(Locale.ROOT, "  %,.0f tps, %s%n", pgHot.tps(), pgHot.latencies().p50p99());
            }
            if (hotRun != null) {
                boolean met = hotRun.okPerSecond() >= 0.5 * pgHot.tps() && hotRun.latencies().p99() <= 50;
                report.row("spends on one org's pool (hot row)", load(hotRun),
                        "pgbench one-row `UPDATE … WHERE bal >= 1`: " + tps(pgHot),
                        Report.ratio(hotRun.okPerSecond(), pgHot.tps()), "≥ 0.5×, p99 ≤ 50 ms", met);
            } else {
                report.row("spends on one org's pool (hot row)", "not run", "", "", "≥ 0.5×, p99 ≤ 50 ms", null);
            }

            if (o.runs("spread")) {
                Wrk.Result spreadRun = spread(spread);
                if (!o.runs("hot")) {
                    pg.create();
                }
                System.out.println("→ pgbench, " + o.connections + " clients, " + o.seconds + " s, "
                        + PgBench.ROWS + " rows at random");
                PgBench.Result pgSpread = pg.run("spread.sql", o.connections, o.seconds);
                System.out.printf(Locale.ROOT, "  %,.0f tps, %s%n", pgSpread.tps(), pgSpread.latencies().p50p99());
                boolean met = spreadRun.okPerSecond() >= 0.3 * pgSpread.tps() && spreadRun.latencies().p99() <= 50;
                report.row(String.format("spends spread over %d orgs (%d distinct members)", spread.size(),
                        spread.size() * o.membersPerOrg), load(spreadRun),
                        "pgbench same update over " + String.format("%,d", PgBench.ROWS) + " rows: " + tps(pgSpread),
                        Report.ratio(spreadRun.okPerSecond(), pgSpread.tps()), "≥ 0.3×, p99 ≤ 50 ms", met);
            } else {
                report.row("spends spread over orgs", "not run", "", "", "≥ 0.3×, p99 ≤ 50 ms", null);
            }

            if (o.runs("batch")) {
                batch(hot, pgHot);
            } else {
                report.row("batch spends on one pool", "not run", "", "", "≥ 20,000 spends/s", null);
            }
            if (o.runs("email")) {
                email(hot, hotRun);
            } else {
                report.row("email finding (reserve, then capture) on one pool", "not run", "", "",
                        "≥ 0.5× single spends", null);
            }
        }

        if (o.runs("freshness")) {
            freshness(hot);
        } else {
            report.row("spend committed → usage counter visible", "not run", "", "", "p99 ≤ 100 ms", null);
            report.row("spend committed → live stream (SSE)", "not run", "", "", "p99 ≤ 100 ms", null);
        }
        if (o.runs("reads")) {
            reads(o.big ? history() : hot);
        } else {
            report.row("reads: balances, org with history", "not run", "", "", "p99 ≤ 20 ms", null);
            report.row("reads: team usage table, same org", "not run", "", "", "p99 ≤ 20 ms", null);
        }

        if (o.runs("overload")) {
            overload(hot, hotRun);
        } else {
            report.row("overload: single spends at 5× the sustained rate", "not run", "", "",
                    "stays up, RSS ≤ 300 MB, admitted p99 ≤ 3 s, only 2xx/503", null);
        }

        if (o.runs("footprint")) {
            footprint(rssIdle);
        } else {
            report.row("RSS per service", "not run", "", "", "≤ 150 MB idle, ≤ 300 MB after load", null);
            report.row("service start alone (process → ready)", "not run", "", "", "≤ 5 s", null);
        }

        System.out.println("→ Correctness checks");
        finalChecks(auditCleanBefore);
        report.print(System.out, header);
        return report.passed() ? 0 : 1;
    }

    // ---- rows

    private Wrk.Result hot(Scene.Org hot) {
        Path targets = Scene.targets(o.work.resolve("hot.targets"), List.of(hot));
        if (o.warmupSeconds > 0) {
            spends("warm-up, hot pool", List.of(hot), targets, o.warmupSeconds);
        }
        System.out.println("→ Hot pool: wrk, " + o.connections + " connections, " + o.seconds
                + " s, 1-credit spends on one pool");
        Wrk.Result r = spends("hot pool", List.of(hot), targets, o.seconds);
        System.out.println("  " + load(r) + " — " + r.counts());
        return r;
    }

    private Wrk.Result spread(List<Scene.Org> spread) {
        Path targets = Scene.targets(o.work.resolve("spread.targets"), spread);
        if (o.warmupSeconds > 0) {
            spends("warm-up, spread", spread, targets, o.warmupSeconds);
        }
        System.out.println("→ Spread: wrk, " + o.connections + " connections, " + o.seconds + " s, over "
                + spread.size() + " orgs and " + spread.size() * o.membersPerOrg + " members");
        Wrk.Result r = spends("spread", spread, targets, o.seconds);
        System.out.println("  " + load(r) + " — " + r.counts());
        return r;
    }

    /** One wrk run of spend.lua, settled, with its pool check. */
    private Wrk.Result spends(String name, List<Scene.Org> pools, Path targets, int seconds) {
        long before = scene.pool(pools);
        Wrk.Result r = wrk.run("spend.lua", o.ledger, o.connections, seconds, Map.of("BENCH_TOKEN",
                identity.backend(), "BENCH_RUN", runId + "-" + name.replaceAll("\\W+", "-"), "BENCH_TARGETS",
                targets.toString()));
        r = Wrk.settle(r, http, o.ledger, identity.backend());
        long after = scene.pool(pools);
        poolCheck(name, before - after, r.allOk());
        return r;
    }

    private void batch(Scene.Org hot, PgBench.Result pgHot) {
        BatchDriver driver = new BatchDriver(http, o.ledger);
        String user = hot.spenders().get(0).userId();
        String what = String.format("batch spends (%,d per request, %d at a time) on one pool", o.batchSize,
                o.batchConnections);
        long before = scene.pool(List.of(hot));
        BatchDriver.Result warm = driver.run(runId + "-warm", hot.id(), user, identity.backend(), o.batchConnections,
                Math.min(2, Math.max(1, o.warmupSeconds)), o.batchSize);
        if (warm.missing()) {
            System.out.println("→ Batch: POST /v1/orgs/{orgId}/spends/batch answers 404: endpoint missing");
            report.row(what, "n/a (endpoint missing)", "pgbench hot row: " + tps(pgHot), "—", "≥ 20,000 spends/s",
                    null);
            return;
        }
        System.out.println("→ Batch: " + o.batchConnections + " at a time, " + o.batchSize + " spends each, "
                + o.seconds + " s");
        BatchDriver.Result r = driver.run(runId, hot.id(), user, identity.backend(), o.batchConnections, o.seconds,
                o.batchSize);
        long after = scene.pool(List.of(hot));
        poolCheck("batch (with its warm-up)", before - after, warm.ok() + r.ok());
        String result = Report.rate(r.okPerSecond()) + " spends/s, per request " + r.latencies().p50p99();
        System.out.printf(Locale.ROOT, "  %s — %,d ok, %,d refused, %,d failed in %,d requests%s%n", result, r.ok(),
                r.refused(), r.failed(), r.requests(), r.note().isEmpty() ? "" : "; first problem: " + r.note());
        report.row(what, result, "pgbench hot row: " + tps(pgHot), Report.ratio(r.okPerSecond(), pgHot.tps()),
                "≥ 20,000 spends/s", r.okPerSecond() >= 20_000 && r.failed() == 0);
    }

    private void email(Scene.Org hot, Wrk.Result hotRun) {
        Path targets = Scene.targets(o.work.resolve("email.targets"), List.of(hot));
        if (o.warmupSeconds > 0) {
            findings("warm-up, email finding", hot, targets, o.warmupSeconds);
            Wrk.findingLatencies(o.work);
        }
        System.out.println("→ Email finding: wrk, " + o.connections + " connections, " + o.seconds
                + " s, reserve then capture 1 credit on the hot pool");
        Wrk.Result r = findings("email finding", hot, targets, o.seconds);
        Latencies perFinding = Latencies.ofMicros(Wrk.findingLatencies(o.work));
        String result = Report.rate(r.okPerSecond()) + " findings/s, per finding " + perFinding.p50p99();
        System.out.println("  " + result + " — " + r.counts());
        if (hotRun == null) {
            report.row("email finding (reserve, then capture) on one pool", result, "(run with the hot row)", "—",
                    "≥ 0.5× single spends", null);
        } else {
            report.row("email finding (reserve, then capture) on one pool", result,
                    "single spends on the same pool, this run: " + Report.rate(hotRun.okPerSecond()) + "/s",
                    Report.ratio(r.okPerSecond(), hotRun.okPerSecond()), "≥ 0.5× single spends",
                    r.okPerSecond() >= 0.5 * hotRun.okPerSecond());
        }
    }

    private Wrk.Result findings(String name, Scene.Org hot, Path targets, int seconds) {
        long before = scene.pool(List.of(hot));
        Wrk.Result r = wrk.run("email.lua", o.ledger, o.connections, seconds, Map.of("BENCH_TOKEN",
                identity.backend(), "BENCH_RUN", runId + "-" + name.replaceAll("\\W+", "-"), "BENCH_TARGETS",
                targets.toString()));
        r = Wrk.settle(r, http, o.ledger, identity.backend());
        long after = scene.pool(List.of(hot));
        poolCheck(name + " (captures)", before - after, r.allOk());
        Scene.Balances b = scene.balances(hot.id());
        report.check(name + ": no hold left open", b.poolReserved() == 0, "pool reserved " + b.poolReserved());
        return r;
    }

    private void freshness(Scene.Org hot) {
        System.out.println("→ Freshness: waiting until usage has counted the runs so far");
        awaitUsage(Duration.ofMinutes(5));
        System.out.println("→ Freshness: " + o.samples + " spends one at a time; usage polled, live stream open");
        long before = scene.pool(List.of(hot));
        Freshness.Result r = new Freshness(http, o).run(runId, hot, identity.user(Identity.ADMIN_USER),
                identity.backend(), o.samples);
        poolCheck("freshness spends", before - scene.pool(List.of(hot)), r.ok());
        String usage = r.usage().p50p99() + " (" + r.usage().count() + " samples"
                + (r.usageMissed() > 0 ? ", " + r.usageMissed() + " not seen within 10 s" : "") + ")";
        String stream = r.stream().p50p99() + " (" + r.stream().count() + " samples"
                + (r.streamMissed() > 0 ? ", " + r.streamMissed() + " not seen within 10 s" : "") + ")";
        System.out.println("  usage: " + usage + "; stream: " + stream);
        report.row("spend committed → usage counter visible", usage, "—", "", "p99 ≤ 100 ms",
                r.usageMissed() == 0 && r.usage().p99() <= 100);
        report.row("spend committed → live stream (SSE)", stream, "—", "", "p99 ≤ 100 ms",
                r.streamMissed() == 0 && r.stream().p99() <= 100);
    }

    private void reads(Scene.Org org) {
        awaitUsage(Duration.ofMinutes(30));
        long rows = journalTransactions(org.id());
        String size = rows < 0 ? "?" : String.format("%,d", rows);
        Boolean big = rows >= 1_000_000 ? Boolean.TRUE : null;
        String[][] endpoints = {
            {"reads: `GET …/balances`, org with " + size + " journal transactions", o.ledger,
                "/v1/orgs/" + org.id() + "/balances"},
            {"reads: team usage table `GET …/usage`, same org", o.usage, "/v1/orgs/" + org.id() + "/usage"}};
        for (String[] e : endpoints) {
            Map<String, String> env = Map.of("BENCH_TOKEN", identity.user(Identity.ADMIN_USER), "BENCH_RUN", runId,
                    "BENCH_PATH", e[2], "BENCH_TARGETS", "/dev/null");
            wrk.run("get.lua", e[1], o.readConnections, 2, env);
            System.out.println("→ Reads: wrk, " + o.readConnections + " connection(s), " + o.readSeconds + " s, GET "
                    + e[2]);
            Wrk.Result r = wrk.run("get.lua", e[1], o.readConnections, o.readSeconds, env);
            String result = r.latencies().p50p99() + " (" + Report.rate(r.ok() / r.seconds()) + " reads/s"
                    + (r.failed() > 0 ? ", " + r.failed() + " failed" : "") + ")";
            System.out.println("  " + result);
            report.row(e[0], result, "—", "", "p99 ≤ 20 ms" + (big == null ? " with 1M rows (--big)" : ""),
                    big == null ? null : r.latencies().p99() <= 20 && r.failed() == 0);
        }
    }

    /**
     * The overload run: open-loop single spends on the hot pool at {@code --overload-factor}
     * times the rate the hot row sustained, then half that rate for 10 s to see it serve normally again.
     */
    private void overload(Scene.Org hot, Wrk.Result hotRun) {
        double sustained;
        if (hotRun != null) {
            sustained = hotRun.okPerSecond();
        } else {
            System.out.println("→ Overload: first the sustained rate (wrk, " + o.connections + " connections, 10 s)");
            sustained = spends("overload baseline", List.of(hot),
                    Scene.targets(o.work.resolve("overload.targets"), List.of(hot)), 10).okPerSecond();
        }
        double rate = sustained * o.overloadFactor;
        long pid = Footprint.find("ledger-service", port(o.ledger)).map(Footprint.ServiceProcess::pid).orElse(-1L);
        java.util.function.LongSupplier rss = () -> pid < 0 ? -1 : Footprint.rssKb(pid);
        OverloadDriver driver = new OverloadDriver(http, o.ledger);
        String token = identity.backend();
        long before = scene.pool(List.of(hot));
        System.out.printf(Locale.ROOT, "→ Overload: open loop, %s spends/s (%.0f× %s/s) for %d s, at most %,d open%n",
                Report.rate(rate), o.overloadFactor, Report.rate(sustained), o.overloadSeconds, o.overloadInFlight);
        OverloadDriver.Phase over = driver.run("overload", runId, hot, token, rate, o.overloadSeconds,
                o.overloadInFlight, rss);
        System.out.println("  " + over.describe() + "; ledger RSS max " + Report.mb(over.maxRssKb())
                + (over.note().isEmpty() ? "" : "; first problem: " + over.note()));
        long settledOver = driver.settle(over, hot, token);
        boolean up = pid < 0 || Footprint.rssKb(pid) >= 0;
        System.out.println("→ After the overload: open loop, " + Report.rate(sustained / 2) + " spends/s for 10 s");
        OverloadDriver.Phase after = driver.run("after-overload", runId, hot, token, sustained / 2, 10,
                o.overloadInFlight, rss);
        System.out.println("  " + after.describe());
        long settledAfter = driver.settle(after, hot, token);
        poolCheck("overload and the run after it", before - scene.pool(List.of(hot)),
                over.ok() + settledOver + after.ok() + settledAfter);
        boolean bounded = up && over.maxRssKb() <= 300 * 1024 && over.admitted().p99() <= 3000
                && over.failed() == 0;
        report.row(String.format(Locale.ROOT, "overload: single spends at %.0f× the sustained rate, open loop",
                o.overloadFactor), over.describe() + "; ledger RSS max " + Report.mb(over.maxRssKb())
                + (up ? "" : "; ledger DIED"), "sustained (hot row): " + Report.rate(sustained) + "/s",
                Report.ratio(over.okPerSecond(), sustained), "stays up, RSS ≤ 300 MB, admitted p99 ≤ 3 s, only 2xx/503",
                bounded);
        report.row("after the overload: single spends at 0.5× for 10 s", after.describe(), "—", "",
                "all 2xx, p99 ≤ 1 s", after.ok() == after.sent() && after.notSent() == 0
                        && after.admitted().p99() <= 1000);
    }

    private void footprint(Map<String, Long> rssIdle) {
        Map<String, Long> rssAfter = rss();
        System.out.println("→ RSS after the runs: " + describe(rssAfter, Report::mb));
        report.row("RSS per service, idle before the runs", describe(rssIdle, Report::mb), "—", "", "≤ 150 MB",
                rssIdle.values().stream().allMatch(kb -> kb >= 0 && kb <= 150 * 1024));
        report.row("RSS per service, after the runs", describe(rssAfter, Report::mb), "—", "", "≤ 300 MB",
                rssAfter.values().stream().allMatch(kb -> kb >= 0 && kb <= 300 * 1024));
        Map<String, Long> startMillis = new LinkedHashMap<>();
        Map<String, Long> startRss = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            Optional<Footprint.ServiceProcess> p = Footprint.find(service, port(serviceUrls().get(i)));
            if (p.isEmpty()) {
                startMillis.put(service, -1L);
                continue;
            }
            System.out.println("→ Starting a second " + service + " alone, as the stack starts it");
            Footprint.Start s = Footprint.startAlone(p.get(), o.work.resolve(service + "-alone.log"));
            System.out.printf(Locale.ROOT, "  ready after %.1f s (%.1f s of CPU), RSS then %s%n",
                    s.millisToReady() / 1000.0, s.cpuMillis() / 1000.0, Report.mb(s.rssKbAtReady()));
            startMillis.put(service, s.millisToReady());
            startRss.put(service, s.rssKbAtReady());
        }
        report.row("service start alone (process → `/q/health/ready` 200)",
                describe(startMillis, ms -> ms < 0 ? "—" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0))
                        + "; RSS when ready: " + describe(startRss, Report::mb), "—", "", "≤ 5 s",
                startMillis.values().stream().allMatch(ms -> ms >= 0 && ms <= 5000));
    }

    // ---- set-up

    private Scene.Org setUp(java.util.function.Supplier<Scene.Org> make) {
        Scene.Org org = make.get();
        orgs.add(org);
        initialPool.put(org.id(), scene.balances(org.id()).pool());
        return org;
    }

    private List<Scene.Org> spreadOrgs() {
        int members = o.orgs * o.membersPerOrg;
        System.out.println("→ Setting up " + o.orgs + " ENTERPRISE orgs with " + members
                + " distinct members (Keycloak users bench-m001…, invited and accepted through the team service)");
        List<String> usernames = IntStream.rangeClosed(1, members).mapToObj(i -> String.format("bench-m%03d", i))
                .toList();
        identity.ensureUsers(usernames);
        List<Scene.Org> spread = new ArrayList<>();
        for (int i = 0; i < o.orgs; i++) {
            List<String> mine = usernames.subList(i * o.membersPerOrg, (i + 1) * o.membersPerOrg);
            String name = String.format("bench spread %02d %s", i + 1, runId);
            spread.add(setUp(() -> scene.memberOrg(name, mine, 100_000_000L)));
        }
        return spread;
    }

    /** The org with a long history, made and seeded (through the API) on first use, reused afterwards. */
    private Scene.Org history() {
        String adminId = scene.adminId();
        Scene.Org org = scene.findOrg(HISTORY_ORG)
                .map(id -> new Scene.Org(id, HISTORY_ORG, List.of(new Scene.Member(Identity.ADMIN_USER, adminId))))
                .orElseGet(() -> scene.adminOrg(HISTORY_ORG, o.bigRows + 1_000_000L));
        long rows = journalTransactions(org.id());
        if (rows < 0) {
            throw new IllegalStateException("cannot count the history org's journal (psql on " + o.pg + "/ledger)");
        }
        if (rows >= o.bigRows) {
            System.out.printf(Locale.ROOT, "→ History org %s: %,d journal transactions already%n", org.id(), rows);
            return org;
        }
        System.out.printf(Locale.ROOT, "→ Seeding the history org %s from %,d to %,d journal transactions through "
                + "the API (once; later runs reuse it)%n", org.id(), rows, o.bigRows);
        Path targets = Scene.targets(o.work.resolve("history.targets"), List.of(org));
        BatchDriver batch = new BatchDriver(http, o.ledger);
        boolean batchMissing = false;
        while (rows < o.bigRows) {
            long left = o.bigRows - rows;
            if (scene.balances(org.id()).poolAvailable() < left) {
                scene.fill(org.id(), left + 1_000_000L);
            }
            long before = scene.pool(List.of(org));
            long ok;
            if (!batchMissing) {
                BatchDriver.Result r = batch.run(runId + "-seed-" + rows, org.id(), adminId, identity.backend(),
                        o.batchConnections, 60, (int) Math.min(o.batchSize, left));
                batchMissing = r.missing();
                ok = r.ok();
                if (batchMissing) {
                    System.out.println("  (no batch endpoint yet: seeding with single spends)");
                    continue;
                }
            } else {
                int seconds = (int) Math.max(5, Math.min(120, left / 500));
                Wrk.Result r = Wrk.settle(wrk.run("spend.lua", o.ledger, o.connections, seconds, Map.of(
                        "BENCH_TOKEN", identity.backend(), "BENCH_RUN", runId + "-seed-" + rows, "BENCH_TARGETS",
                        targets.toString())), http, o.ledger, identity.backend());
                ok = r.allOk();
            }
            poolCheck("history seeding", before - scene.pool(List.of(org)), ok);
            rows = journalTransactions(org.id());
            System.out.printf(Locale.ROOT, "  %,d journal transactions%n", rows);
        }
        return org;
    }

    // ---- checks

    private void poolCheck(String run, long moved, long ok) {
        report.check("pool moved by exactly the 2xx spends — " + run, moved == ok,
                String.format("pool −%,d, 2xx %,d", moved, ok));
    }

    /** Waits until the usage service has counted every credit the bench's orgs' pools gave. */
    private List<String> awaitUsage(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> behind;
        do {
            behind = new ArrayList<>();
            for (Scene.Org org : orgs) {
                long spent = initialPool.get(org.id()) - scene.balances(org.id()).pool();
                long counted = usageCreditsUsed(org.id());
                if (counted != spent) {
                    behind.add(String.format("%s: ledger %,d, usage %,d", org.name(), spent, counted));
                }
            }
            if (behind.isEmpty()) {
                return behind;
            }
            Scene.sleep(500);
        } while (System.nanoTime() < deadline);
        return behind;
    }

    private long usageCreditsUsed(String orgId) {
        Http.Reply r = http.get(o.usage + "/v1/orgs/" + orgId + "/usage", identity.user(Identity.ADMIN_USER));
        long sum = 0;
        for (JsonNode m : r.json().path("members")) {
            sum += m.path("creditsUsed").asLong();
        }
        return r.ok() ? sum : -1;
    }

    private void finalChecks(boolean auditCleanBefore) {
        List<String> negative = new ArrayList<>();
        for (Scene.Org org : orgs) {
            Scene.Balances b = scene.balances(org.id());
            if (b.pool() < 0 || b.poolAvailable() < 0 || b.poolReserved() != 0
                    || b.members().values().stream().anyMatch(v -> v < 0)) {
                negative.add(org.name() + ": " + b);
            }
        }
        report.check("no negative balance and no open hold in the bench's " + orgs.size() + " orgs", negative.isEmpty(),
                String.join("; ", negative));
        List<String> behind = awaitUsage(Duration.ofMinutes(5));
        report.check("usage counted every spend exactly once (pool spent = usage credits used, per org)",
                behind.isEmpty(), behind.stream().limit(5).collect(Collectors.joining("; ")));
        List<String> findings = audit();
        report.check("ledger audit (GET /v1/admin/ledger/audit) is clean", findings.isEmpty(),
                findings.isEmpty() ? "" : findings.size() + " findings, e.g. " + findings.get(0)
                        + (auditCleanBefore ? "" : " (it was not clean before the bench either)"));
    }

    private List<String> audit() {
        Http.Reply r = http.get(o.ledger + "/v1/admin/ledger/audit", identity.operator(), Duration.ofMinutes(10))
                .require("ledger audit");
        List<String> findings = new ArrayList<>();
        r.json().path("findings").forEach(f -> findings.add(f.asText()));
        if (!r.json().path("consistent").asBoolean() && findings.isEmpty()) {
            findings.add("inconsistent: " + Http.abbreviate(r.body()));
        }
        return findings;
    }

    /** Read-only count from the ledger's database (the API has no cheap count of a journal). */
    private long journalTransactions(String orgId) {
        try {
            PgBench pg = new PgBench(o.pg, o.benchDir.resolve("pgbench"), o.work);
            return Long.parseLong(pg.query("ledger", "SELECT count(*) FROM journal_tx WHERE org_id = '" + orgId + "'"));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    // ---- environment

    private void preflight() {
        for (String tool : List.of("wrk", "pgbench", "psql")) {
            if (!Processes.onPath(tool)) {
                throw new IllegalStateException(tool + " is missing (Debian: apt-get install wrk postgresql-client)");
            }
        }
        for (String url : List.of(o.team, o.ledger, o.usage, o.notification)) {
            try {
                if (http.get(url + "/q/health/ready", null).status() != 200) {
                    throw new IllegalStateException(url + " is not ready");
                }
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalStateException(url + " does not answer: is ./run-local running? (or bench/run --start)");
            }
        }
        identity.user(Identity.ADMIN_USER);
    }

    private String header() {
        String cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (java.io.IOException e) {
            // Not Linux: no model name.
        }
        String commit = "";
        try {
            commit = Processes.run(List.of("git", "-C", o.benchDir.toString(), "log", "-1", "--format=%h %s"),
                    Map.of(), o.work.resolve("git.log")).get(0);
        } catch (RuntimeException e) {
            // Not a git checkout.
        }
        String flags = Footprint.find("ledger-service", port(o.ledger)).map(p -> p.command().stream()
                .takeWhile(a -> !a.equals("-jar")).skip(1).collect(Collectors.joining(" "))).orElse("?");
        return String.format(Locale.ROOT, "Team Credits bench — %s, nproc %d (%s), commit %s%n"
                + "wrk/pgbench %d connections, %d s per run (after %d s warm-up); services' JVM flags: %s",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), cpu, commit, o.connections, o.seconds, o.warmupSeconds,
                flags.isEmpty() ? "(none)" : flags);
    }

    private List<String> serviceUrls() {
        return List.of(o.team, o.ledger, o.usage, o.notification);
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private Map<String, Long> rss() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            rss.put(service, Footprint.find(service, port(serviceUrls().get(i))).map(p -> Footprint.rssKb(p.pid())).orElse(-1L));
        }
        return rss;
    }

    private static String describe(Map<String, Long> perService, java.util.function.Function<Long, String> format) {
        return perService.entrySet().stream()
                .map(e -> e.getKey().replace("-service", "") + " " + format.apply(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String load(Wrk.Result r) {
        return Report.rate(r.okPerSecond()) + " spends/s, " + r.latencies().p50p99();
    }

    private static String tps(PgBench.Result r) {
        return r == null ? "not run" : Report.rate(r.tps()) + " tps, " + r.latencies().p50p99();
    }
}
