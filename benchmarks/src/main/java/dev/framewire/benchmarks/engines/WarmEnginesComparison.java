package dev.framewire.benchmarks.engines;

import dev.framewire.benchmarks.support.BenchmarkPhotos;
import dev.framewire.core.network.Network;
import dev.framewire.core.process.ProcessEngine;
import dev.framewire.core.process.ProcessOptions;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.scorer.EngineMode;
import dev.framewire.examples.scorer.Engines;
import dev.framewire.examples.scorer.ScorerNetwork;
import dev.framewire.examples.scorer.ScoringWeights;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The photo scorer on threads and on a warm process engine, run after run in alternation in one JVM, with the wall
 * time and the CPU time (this JVM plus every child process) of each run: on a machine shared with other work, CPU
 * time per photo and ratios of neighbouring runs say more than throughput taken minutes apart. The first process run
 * starts the children (the cold start); the others reuse them.
 *
 * <p>{@code java -cp benchmarks.jar dev.framewire.benchmarks.engines.WarmEnginesComparison <cache> <size> <photos>
 * <rounds> [processes|threads]}, with the JVM flags of {@link ScorerEnginesBenchmark}'s fork; {@code processes} runs
 * the warm engine alone, {@code threads} the thread engine alone, for a profiler. The system property
 * {@value #CHILD_FLAGS} (flags separated by spaces) replaces the children's JVM flags
 * ({@link ProcessOptions#WARM_TUNED_FLAGS} by default), to compare flag sets.
 */
public final class WarmEnginesComparison {
    static final String CHILD_FLAGS = "framewire.childJvmFlags";

    private WarmEnginesComparison() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0] : "target/bench-photos");
        String size = args.length > 1 ? args[1] : "4000x3000";
        int photos = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        // "processes" or "threads": one engine alone (to profile its steady state)
        boolean processesOnly = args.length > 4 && args[4].equals("processes");
        boolean threadsOnly = args.length > 4 && args[4].equals("threads");
        List<Path> files = BenchmarkPhotos.ensure(cache, BenchmarkPhotos.PhotoSize.parse(size), photos);
        List<PhotoInput> inputs = ScorerEnginesBenchmark.inputs(files);
        int workers = Runtime.getRuntime().availableProcessors();
        ScorerNetwork.Settings threads = new ScorerNetwork.Settings(EngineMode.THREADS, workers, ScoringWeights.DEFAULT,
                100_000_000L, null, Duration.ofMinutes(5), 2 * workers + 2);
        ScorerNetwork.Settings processes = new ScorerNetwork.Settings(EngineMode.PROCESSES, workers,
                ScoringWeights.DEFAULT, 100_000_000L, null, Duration.ofMinutes(5), 2 * workers + 2);
        System.out.printf(Locale.ROOT, "%d photos of %s per run; wall ms, CPU ms (this JVM + children)%n", photos, size);
        ProcessOptions options = ProcessOptions.defaults();
        String childFlags = System.getProperty(CHILD_FLAGS);
        if (childFlags != null) {
            options = options.withChildJvmFlags(
                    childFlags.isBlank() ? List.of() : List.of(childFlags.trim().split("\\s+")));
        }
        try (ProcessEngine warm = Engines.warmProcessEngine(options)) {
            for (int round = 0; round <= rounds; round++) {
                // round 0 warms this JVM's threads path and starts the children (the cold start)
                double[] t = processesOnly ? new double[]{Double.NaN, Double.NaN} : measure(inputs, threads, null);
                double[] p = threadsOnly ? new double[]{Double.NaN, Double.NaN} : measure(inputs, processes, warm);
                System.out.printf(Locale.ROOT, "%s threads %.0f ms %.0f ms-cpu | processes %.0f ms %.0f ms-cpu | "
                                + "wall ratio %.2f cpu ratio %.2f | JVMs started %d%n",
                        round == 0 ? "first" : "round " + round, t[0], t[1], p[0], p[1], t[0] / p[0], t[1] / p[1],
                        warm.childrenStarted());
            }
        }
    }

    /** {wall ms, CPU ms of this JVM and its children} of one run. */
    private static double[] measure(List<PhotoInput> inputs, ScorerNetwork.Settings settings, ProcessEngine engine) {
        Map<Long, Long> before = childCpu();
        long cpu0 = cpu(ProcessHandle.current());
        LongAdder scored = new LongAdder();
        List<String> failures = new ArrayList<>();
        Network network = ScorerNetwork.build(inputs, settings, List.of(new ScorerNetwork.NamedSink("count",
                o -> ScorerEnginesBenchmark.count(o, scored, failures))), null);
        long start = System.nanoTime();
        if (engine != null) {
            ScorerNetwork.run(network, settings, engine);
        } else {
            ScorerNetwork.run(network, settings);
        }
        long wall = System.nanoTime() - start;
        long cpu = cpu(ProcessHandle.current()) - cpu0;
        for (Map.Entry<Long, Long> e : childCpu().entrySet()) {
            cpu += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        if (scored.sum() != inputs.size()) {
            throw new IllegalStateException("scored " + scored.sum() + " of " + inputs.size() + ": " + failures);
        }
        return new double[]{wall / 1e6, cpu / 1e6};
    }

    private static Map<Long, Long> childCpu() {
        Map<Long, Long> m = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p -> m.put(p.pid(), cpu(p)));
        return m;
    }

    private static long cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
