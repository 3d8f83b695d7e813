package dev.teamcredits.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk with one of the scripts in {@code bench/wrk} and reads the line its {@code done()} prints.
 * Always one thread per connection (see common.lua): that is what makes the unanswered requests
 * known, so {@link #settle} can resolve them and the pool's movement is exact.
 */
final class Wrk {

    /**
     * What a run answered while wrk ran ({@code ok} per second is the throughput); {@code settle} lists the
     * requests that had no answer when it stopped, and {@code settled…} what they answered when sent again.
     */
    record Result(long ok, long refused, long failed, long requests, double seconds, long socketErrors,
            Latencies latencies, List<String> settle, long settledOk, long settledRefused, long settledFailed) {

        double okPerSecond() {
            return ok / seconds;
        }

        /** Every 2xx, the settled requests' included: what the pool must have moved by. */
        long allOk() {
            return ok + settledOk;
        }

        Result settled(long moreOk, long moreRefused, long moreFailed) {
            return new Result(ok, refused, failed, requests, seconds, socketErrors, latencies, settle, moreOk,
                    moreRefused, moreFailed);
        }

        String counts() {
            return String.format("%,d ok, %,d refused (402), %,d failed, %,d socket errors; %d left unanswered "
                    + "when wrk stopped, settled afterwards: %d ok, %d refused, %d failed", ok, refused, failed,
                    socketErrors, settle.size(), settledOk, settledRefused, settledFailed);
        }
    }

    private static final Pattern RESULT = Pattern.compile("(\\w+)=(-?\\d+)");

    private final Path scripts;
    private final Path work;

    Wrk(Path scripts, Path work) {
        this.scripts = scripts;
        this.work = work;
    }

    /** {@code env} adds to BENCH_WRK_DIR, BENCH_THREADS (set here) the script's own variables. */
    Result run(String script, String url, int connections, int seconds, Map<String, String> env) {
        List<String> command = List.of("wrk", "-t" + connections, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "60s", "-s", scripts.resolve(script).toString(), url);
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("BENCH_WRK_DIR", scripts.toString());
        all.put("BENCH_THREADS", Integer.toString(connections));
        all.putIfAbsent("BENCH_OUT", work.toString());
        List<String> lines = Processes.run(command, all, work.resolve("wrk-" + script + ".log"));
        return parse(lines);
    }

    static Result parse(List<String> lines) {
        Map<String, Long> values = new LinkedHashMap<>();
        List<String> settle = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("BENCH-RESULT ")) {
                Matcher m = RESULT.matcher(line);
                while (m.find()) {
                    values.put(m.group(1), Long.parseLong(m.group(2)));
                }
            } else if (line.startsWith("BENCH-SETTLE\t")) {
                settle.add(line.substring("BENCH-SETTLE\t".length()));
            }
        }
        if (!values.containsKey("ok")) {
            throw new IllegalStateException("wrk printed no result:\n" + String.join("\n", lines));
        }
        Latencies latencies = new Latencies((int) Math.min(Integer.MAX_VALUE, values.get("requests")),
                values.get("p50_us") / 1000.0, values.get("p90_us") / 1000.0, values.get("p99_us") / 1000.0,
                values.get("max_us") / 1000.0);
        return new Result(values.get("ok"), values.get("refused"), values.get("failed"), values.get("requests"),
                values.get("duration_us") / 1e6, values.get("errors"), latencies, settle, 0, 0, 0);
    }

    /**
     * Sends every request wrk left unanswered again, with its Idempotency-Key: the original answer if
     * it committed, the request itself if not. A reservation made that way is captured at once (the
     * finding it started), so no hold stays open. (wrk also asks thread 0 for one request it never
     * sends, to inspect it: that one is sent here for the first time.)
     */
    static Result settle(Result result, Http http, String ledgerUrl, String token) {
        long ok = 0;
        long refused = 0;
        long failed = 0;
        for (String line : result.settle()) {
            String[] f = line.split("\t", 4);
            String kind = f[0];
            String key = f[1];
            String path = f[2];
            String body = f[3];
            Http.Reply reply = http.post(ledgerUrl + path, token, key, body);
            if (kind.equals("R") && reply.status() == 201) {
                reply = http.post(ledgerUrl + path + "/" + reply.json().path("id").asText() + "/capture", token,
                        key + "-capture", "{\"amount\":1}");
            }
            if (reply.ok()) {
                ok++;
            } else if (reply.status() == 402) {
                refused++;
            } else {
                failed++;
                System.err.println("  settling " + kind + " " + path + ": HTTP " + reply.status() + " "
                        + Http.abbreviate(reply.body()));
            }
        }
        return result.settled(ok, refused, failed);
    }

    /** The per-finding latencies email.lua wrote (microseconds, one file per thread). */
    static long[] findingLatencies(Path work) {
        List<Long> all = new ArrayList<>();
        try (var files = Files.list(work)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("finding-")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        all.add(Long.parseLong(line.trim()));
                    }
                }
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }
}
