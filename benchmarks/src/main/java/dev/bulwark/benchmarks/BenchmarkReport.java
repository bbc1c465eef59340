package dev.bulwark.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns JMH's JSON results into the tables of {@code docs/benchmarks.md}, and checks the smoke run: the guarded
 * calls and bulkhead operations that must not allocate or lock did not.
 *
 * <p>{@code BenchmarkReport table RESULT.json...} prints a table; {@code BenchmarkReport check RESULT.json...}
 * exits 1 when a benchmark that must allocate nothing allocated, or one that must take no lock blocked or parked
 * more often than the plain call with as many threads (which must be among the results); {@code BenchmarkReport
 * scaling full-scaling-<N>policies.json...} prints the table of a call's cost by the number of policies. A lock
 * that one thread takes alone never parks it, so only the 2-thread results can show one.
 */
public final class BenchmarkReport {
    private static final Set<String> MUST_NOT_ALLOCATE =
            Set.of("plain", "bulwarkClosed", "bulwarkFullPipeline", "bulwarkDisabled", "bulwarkPolicyRemovedByReload",
                    "bulwarkTakeAndGiveBack", "bulwarkRefusal");
    /** Guarded calls that must take no lock: they block or park no more often than the baseline, give or take. */
    private static final Set<String> MUST_NOT_CONTEND =
            Set.of("bulwarkClosed", "bulwarkFullPipeline", "bulwarkDisabled", "bulwarkPolicyRemovedByReload",
                    "bulwarkTakeAndGiveBack", "bulwarkRefusal");
    private static final String BASELINE = "plain";
    /**
     * The harness parks a worker now and then at an iteration's edges (0 to 2 times, also for a method with no
     * advice at all); a lock on the hot path would block or park thousands of times per iteration.
     */
    private static final double HARNESS_EVENTS = 10;
    /** JMH's allocation figure is a rate times a time: a fraction of a byte is measurement noise. */
    private static final double NOISE_BYTES = 0.5;

    private BenchmarkReport() {
    }

    /** @param args {@code table|check|scaling} and the JSON result files */
    public static void main(String[] args) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            for (JsonNode result : new ObjectMapper().readTree(new File(args[i]))) {
                rows.add(Row.of(result));
            }
        }
        if (args[0].equals("scaling")) {
            System.out.println("| policies in the file | benchmark | ns/op | ± (99.9%) | B/op |");
            System.out.println("|---:|---|---:|---:|---:|");
            for (int i = 1; i < args.length; i++) {
                String policies = args[i].replaceAll(".*-(\\d+)policies\\.json$", "$1");
                for (JsonNode result : new ObjectMapper().readTree(new File(args[i]))) {
                    Row row = Row.of(result);
                    System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.0f |%n",
                            policies, row.name(), row.nanosPerOp(), row.error(), row.bytesPerOp());
                }
            }
            return;
        }
        if (args[0].equals("check")) {
            List<Row> allocating = rows.stream()
                    .filter(row -> MUST_NOT_ALLOCATE.contains(row.name()) && row.bytesPerOp() > NOISE_BYTES)
                    .toList();
            allocating.forEach(row -> System.out.println("ALLOCATES: " + row.name() + " with " + row.threads()
                    + " threads: " + row.bytesPerOp() + " B/op"));
            List<Row> contending = rows.stream()
                    .filter(row -> MUST_NOT_CONTEND.contains(row.name()) && contendsMoreThanBaseline(row, rows))
                    .toList();
            contending.forEach(row -> System.out.println("CONTENDS: " + row.name() + " with " + row.threads()
                    + " threads: blocked " + row.blocked() + ", parked " + row.parked() + " per iteration"));
            boolean passed = allocating.isEmpty() && contending.isEmpty();
            System.out.println(passed ? "Hot path check passed: no allocation on " + MUST_NOT_ALLOCATE
                    + "; no more blocking or parking than " + BASELINE + " on " + MUST_NOT_CONTEND
                    : "Hot path check FAILED");
            System.exit(passed ? 0 : 1);
        }
        System.out.println("| benchmark | threads | ns/op | ± (99.9%) | B/op |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.0f |%n",
                    row.name(), row.threads(), row.nanosPerOp(), row.error(), row.bytesPerOp());
        }
    }

    /**
     * Compared with the baseline with as many threads, with the harness's own few events allowed for; a result with
     * no such baseline fails, rather than passing unchecked.
     */
    private static boolean contendsMoreThanBaseline(Row row, List<Row> rows) {
        List<Row> baselines = rows.stream()
                .filter(baseline -> baseline.name().equals(BASELINE) && baseline.threads() == row.threads())
                .toList();
        return baselines.isEmpty() || baselines.stream()
                .anyMatch(baseline -> row.blocked() > baseline.blocked() + HARNESS_EVENTS
                        || row.parked() > baseline.parked() + HARNESS_EVENTS);
    }

    private record Row(String name, int threads, double nanosPerOp, double error, double bytesPerOp,
                       double blocked, double parked) {
        static Row of(JsonNode result) {
            String benchmark = result.path("benchmark").asText();
            JsonNode primary = result.path("primaryMetric");
            JsonNode secondary = result.path("secondaryMetrics");
            double error = primary.path("scoreError").asDouble();
            return new Row(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.path("threads").asInt(),
                    primary.path("score").asDouble(), Double.isNaN(error) ? 0 : error,
                    secondary.path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN),
                    secondary.path("contention.blocked").path("score").asDouble(0),
                    secondary.path("contention.parked").path("score").asDouble(0));
        }
    }
}
