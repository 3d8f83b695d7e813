package dev.teamcredits.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line of {@code bench/run}; defaults are the performance goals' and the local stack's. */
final class Options {

    static final List<String> ROWS = List.of("hot", "spread", "batch", "email", "freshness", "reads", "overload",
            "footprint");

    static final String USAGE = """
            usage: bench/run [--start] [options]   (against a running ./run-local; --start starts one first)
              --seconds N            length of each measured load run (20)
              --connections N        wrk connections and pgbench clients (64)
              --warmup N             seconds of load before the measured runs, not reported (5)
              --orgs N               orgs of the spread run (40), each with --members N distinct members (2)
              --samples N            freshness samples (200)
              --batch-connections N  concurrent batch requests (4), each of --batch-size N spends (1000)
              --read-seconds N       per read endpoint (10), over --read-connections N (1)
              --overload-factor N    open-loop single spends at N × the hot row's rate (5), for
                                     --overload-seconds N (20), at most --overload-in-flight N open (3000)
              --big                  reads on an org with --big-rows N journal transactions (1000000),
                                     seeded through the API on first use and reused by later runs
              --only a,b             only these rows: %s
              --team URL  --ledger URL  --usage URL  --notification URL   (http://127.0.0.1:8081 … 8084)
              --oidc URL             the realm (http://127.0.0.1:8180/realms/team-credits)
              --pg URL               the stack's PostgreSQL (postgresql://postgres:postgres@127.0.0.1:15432)
            """.formatted(String.join(",", ROWS));

    int seconds = 20;
    int connections = 64;
    int warmupSeconds = 5;
    int orgs = 40;
    int membersPerOrg = 2;
    int samples = 200;
    int batchConnections = 4;
    int batchSize = 1000;
    int readSeconds = 10;
    int readConnections = 1;
    double overloadFactor = 5;
    int overloadSeconds = 20;
    int overloadInFlight = 3000;
    boolean big;
    long bigRows = 1_000_000L;
    Set<String> only = new LinkedHashSet<>(ROWS);
    String team = "http://127.0.0.1:8081";
    String ledger = "http://127.0.0.1:8082";
    String usage = "http://127.0.0.1:8083";
    String notification = "http://127.0.0.1:8084";
    String oidc = "http://127.0.0.1:8180/realms/team-credits";
    String pg = "postgresql://postgres:postgres@127.0.0.1:15432";
    /** bench/ (its wrk and pgbench scripts) and a scratch folder for this run's files. */
    Path benchDir;
    Path work;

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--big")) {
                o.big = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name + "\n" + USAGE);
            }
            String v = args[++i];
            switch (name) {
                case "--seconds" -> o.seconds = positive(v);
                case "--connections" -> o.connections = positive(v);
                case "--warmup" -> o.warmupSeconds = Integer.parseInt(v);
                case "--orgs" -> o.orgs = positive(v);
                case "--members" -> o.membersPerOrg = positive(v);
                case "--samples" -> o.samples = positive(v);
                case "--batch-connections" -> o.batchConnections = positive(v);
                case "--batch-size" -> o.batchSize = positive(v);
                case "--overload-factor" -> o.overloadFactor = positive(v);
                case "--overload-seconds" -> o.overloadSeconds = positive(v);
                case "--overload-in-flight" -> o.overloadInFlight = positive(v);
                case "--read-seconds" -> o.readSeconds = positive(v);
                case "--read-connections" -> o.readConnections = positive(v);
                case "--big-rows" -> o.bigRows = positive(v);
                case "--only" -> o.only = rows(v);
                case "--team" -> o.team = v;
                case "--ledger" -> o.ledger = v;
                case "--usage" -> o.usage = v;
                case "--notification" -> o.notification = v;
                case "--oidc" -> o.oidc = v;
                case "--pg" -> o.pg = v;
                case "--bench-dir" -> o.benchDir = Path.of(v);
                case "--work" -> o.work = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (o.benchDir == null || o.work == null) {
            throw new IllegalArgumentException("start the bench with bench/run (it passes --bench-dir and --work)");
        }
        return o;
    }

    boolean runs(String row) {
        return only.contains(row);
    }

    private static Set<String> rows(String list) {
        Set<String> rows = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        for (String r : rows) {
            if (!ROWS.contains(r)) {
                throw new IllegalArgumentException("unknown row " + r + "; rows: " + ROWS);
            }
        }
        return rows;
    }

    private static int positive(String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException("expected a number >= 1, got " + v);
        }
        return n;
    }
}
