package dev.teamcredits.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same-run reference: pgbench on the stack's own PostgreSQL, in a scratch database of its own
 * ({@code bench_scratch}, created and dropped here) with one table of 10,000 rows, running the
 * scripts in {@code bench/pgbench}. Latencies come from pgbench's per-transaction log.
 */
final class PgBench implements AutoCloseable {

    static final String DATABASE = "bench_scratch";
    static final int ROWS = 10_000;

    record Result(double tps, long transactions, Latencies latencies) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern TX = Pattern.compile("number of transactions actually processed: (\\d+)");

    private final String server;
    private final Path scripts;
    private final Path work;
    private boolean created;

    /** {@code server}: postgresql://user:password@host:port (no database). */
    PgBench(String server, Path scripts, Path work) {
        this.server = server.replaceAll("/+$", "");
        this.scripts = scripts;
        this.work = work;
    }

    /** (Re)creates the scratch database: bench_pool(id, bal) with rows 1…10,000, each with 10^12. */
    void create() {
        psql("postgres", "DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE);
        created = true;
        psql(DATABASE, "CREATE TABLE bench_pool (id int PRIMARY KEY, bal bigint NOT NULL)",
                "INSERT INTO bench_pool SELECT g, 1000000000000 FROM generate_series(1, " + ROWS + ") g",
                "VACUUM ANALYZE bench_pool");
    }

    Result run(String script, int clients, int seconds) {
        Path logs = work.resolve("pgbench-" + script.replace(".sql", ""));
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int threads = Math.min(clients, Runtime.getRuntime().availableProcessors());
        List<String> out = Processes.run(List.of("pgbench", "-n", "-c", Integer.toString(clients), "-j",
                Integer.toString(threads), "-T", Integer.toString(seconds), "-f", scripts.resolve(script).toString(),
                "-l", "--log-prefix=" + logs.resolve("tx"), url(DATABASE)), Map.of(), work.resolve("pgbench.log"));
        double tps = out.stream().map(TPS::matcher).filter(Matcher::find).mapToDouble(m -> Double.parseDouble(m.group(1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no tps in pgbench output: " + out));
        long tx = out.stream().map(TX::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1)))
                .findFirst().orElse(0);
        return new Result(tps, tx, Latencies.ofMicros(logLatencies(logs)));
    }

    /** The third field of each line of pgbench's transaction log is the latency in microseconds. */
    static long[] logLatencies(Path folder) {
        List<Long> all = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                try (var lines = Files.lines(f)) {
                    lines.forEach(line -> {
                        String[] fields = line.split(" ");
                        if (fields.length >= 3) {
                            all.add(Long.parseLong(fields[2]));
                        }
                    });
                }
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    /** One value from a query (psql -At), e.g. a count. */
    String query(String database, String sql) {
        List<String> out = psql(database, sql);
        return out.isEmpty() ? "" : out.get(out.size() - 1).trim();
    }

    List<String> psql(String database, String... statements) {
        List<String> command = new ArrayList<>(List.of("psql", "-v", "ON_ERROR_STOP=1", "-qAt", url(database)));
        for (String s : statements) {
            command.add("-c");
            command.add(s);
        }
        return Processes.run(command, Map.of(), work.resolve("psql.log"));
    }

    String url(String database) {
        return server + "/" + database;
    }

    @Override
    public void close() {
        if (created) {
            psql("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }
}
