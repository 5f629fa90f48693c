package dev.framewire.core.process;

import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.RunTimeoutException;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.fn.SerializableFunction;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A warm process engine keeps its child JVMs between runs; what it promises, one promise per test. */
class WarmProcessEngineTest {
    @TempDir
    Path parent;

    private ProcessOptions options() {
        return ProcessOptions.defaults().withRunDirectoryParent(parent).withLargestPayload(1 << 20).withArenaSlots(8);
    }

    private static RunOptions runOptions() {
        return RunOptions.defaults().withTimeout(Duration.ofSeconds(120));
    }

    @AfterEach
    void nothingLeftOnceTheEngineIsClosed() throws Exception {
        assertThat(ProcessHandle.current().descendants().toList()).as("no child process left").isEmpty();
        try (var entries = Files.list(parent)) {
            assertThat(entries.toList()).as("engine directory removed").isEmpty();
        }
    }

    /** "value@pid" for every number, computed by node {@code node} with {@code factor}. */
    private static Network tagged(String name, int items, int factor, List<Outcome<String>> out) {
        NetworkBuilder b = Network.builder(name);
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, items).boxed().iterator());
        var scaled = b.transform("scale", numbers.out(), String.class,
                i -> (i * factor) + "@" + ProcessHandle.current().pid());
        b.outcomeSink("out", scaled.out(), out::add);
        return b.build();
    }

    private static List<String> values(List<Outcome<String>> outcomes) {
        return outcomes.stream().map(o -> ((Outcome.Value<String>) o).value().split("@")[0]).toList();
    }

    private static List<Long> pids(List<Outcome<String>> outcomes) {
        return outcomes.stream().map(o -> Long.parseLong(((Outcome.Value<String>) o).value().split("@")[1]))
                .distinct().toList();
    }

    private static List<Outcome<String>> list() {
        return Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void givenAnEngineThatRanOnceASecondRunStartsNoNewJvmAndGivesTheSameOutcomes() {
        List<Outcome<String>> threads = list();
        ProcessEngineTest.decodedFrames(threads).run(new ThreadEngine(), runOptions());
        // slots to spare: a grant is only given while at least two slots are free
        try (ProcessEngine engine = ProcessEngine.warm(options().withArenaSlots(32))) {
            List<Outcome<String>> first = list();
            ProcessEngineTest.decodedFrames(first).run(engine, runOptions());
            long started = engine.childrenStarted();
            List<Long> kept = engine.idleChildPids();
            assertThat(started).as("decode x2, three analyzers, verdict").isEqualTo(6);
            assertThat(kept).as("every child waits for the next run").hasSize(6);

            List<Outcome<String>> second = list();
            RunReport report = ProcessEngineTest.decodedFrames(second).run(engine, runOptions());

            assertThat(engine.childrenStarted()).as("no JVM started by the second run").isEqualTo(started);
            assertThat(engine.idleChildPids()).containsExactlyInAnyOrderElementsOf(kept);
            assertThat(second).hasSize(30).isEqualTo(first).isEqualTo(threads);
            ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
            assertThat(extra.restarts()).allSatisfy((node, n) -> assertThat(n).isZero());
            assertThat(extra.arenaCopies() + extra.arenaReuses()).as("each of the 3 analyzers got each frame").isEqualTo(90);
            assertThat(extra.arenaInPlace()).as("decoded frames made in their slot, as in a cold run").isGreaterThan(20);
        }
    }

    /** The names of the kept JVMs' channel directories in a warm engine's directory. */
    private static List<String> keptChannels(ProcessEngine engine) throws Exception {
        try (var entries = Files.list(engine.directory())) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("channels-")).sorted().toList();
        }
    }

    private static List<Path> queueFiles(Path queue) throws Exception {
        try (var entries = Files.list(queue)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".cq4")).toList();
        }
    }

    private static ProcessReport.Channel channel(RunReport report, String name) {
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        return extra.channels().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void givenAKeptChildItsChannelsOutliveTheRunAndEachRunReportsOnlyItsOwnTraffic() throws Exception {
        // the coordinator's order files roll once they are half a second old (a minute by default)
        System.setProperty(RollPolicy.AGE_PROPERTY, "500");
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            List<Outcome<String>> first = list();
            RunReport firstReport = tagged("numbers", 10, 2, first).run(engine, runOptions());
            List<String> channels = keptChannels(engine);
            assertThat(channels).as("one kept JVM, one channel directory").hasSize(1);
            Path metadata = engine.directory().resolve(channels.get(0)).resolve("orders").resolve("metadata.cq4t");
            Object queue = Files.readAttributes(metadata, BasicFileAttributes.class).fileKey();
            List<Path> firstRunFiles = queueFiles(metadata.getParent());
            // the next run's first order is in a file made after the last run's END, which both ends must find
            Thread.sleep(1_100);

            List<Outcome<String>> second = list();
            RunReport secondReport = tagged("numbers", 7, 5, second).run(engine, runOptions());

            assertThat(values(second)).isEqualTo(IntStream.range(0, 7).mapToObj(i -> "" + i * 5).toList());
            assertThat(keptChannels(engine)).as("the second run made no channel").isEqualTo(channels);
            assertThat(Files.readAttributes(metadata, BasicFileAttributes.class).fileKey()).as("the same queue")
                    .isEqualTo(queue);
            assertThat(queueFiles(metadata.getParent())).as("the first run's orders deleted once read")
                    .isNotEmpty().doesNotContainAnyElementsOf(firstRunFiles);
            assertThat(channel(firstReport, "results-scale-0-g0").items()).isEqualTo(10);
            assertThat(channel(secondReport, "results-scale-0-g0").items()).as("counted afresh").isEqualTo(7);
            assertThat(channel(secondReport, "orders-scale-0-g0").items()).isBetween(7L, 8L);
        } finally {
            System.clearProperty(RollPolicy.AGE_PROPERTY);
        }
    }

    /** How many of the process's memory mappings are of a file named {@code name} (Linux: /proc/PID/maps). */
    private static long mappingsOf(long pid, String name) throws Exception {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.filter(l -> l.contains("/" + name)).count();
        }
    }

    @Test
    void givenManyRunsAKeptChildHoldsNoMappingOfAnEarlierRunsStatusTable() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc (Linux)");
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            for (int run = 0; run < 25; run++) {
                tagged("numbers", 3, run, list()).run(engine, runOptions());
            }
            List<Long> kept = engine.idleChildPids();
            assertThat(kept).hasSize(1);
            // a child opens one table per run; unmapped only by a garbage collection, which a kept child that
            // allocates this little never runs, they would pile up until the JVM runs out of mappings
            assertThat(mappingsOf(kept.get(0), ChildStatusTable.FILE)).as("status tables still mapped").isZero();
        }
    }

    @Test
    void givenDefaultFlagsAKeptChildCompilesEarlyAndFlagsTheCallerChoseStand() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "needs /proc (Linux)");
        assertThat(ProcessOptions.defaults().forKeptChildren().childJvmFlags()).isEqualTo(ProcessOptions.WARM_TUNED_FLAGS);
        assertThat(ProcessOptions.defaults().withChildJvmFlags(List.of()).forKeptChildren().childJvmFlags()).isEmpty();
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            tagged("numbers", 3, 0, list()).run(engine, runOptions());
            assertThat(commandLineOf(engine.idleChildPids().get(0))).contains("-XX:CompileThresholdScaling=0.05");
        }
        // chosen, even if they are the one-run children's defaults
        try (ProcessEngine engine = ProcessEngine.warm(options().withChildJvmFlags(ProcessOptions.STARTUP_TUNED_FLAGS))) {
            tagged("numbers", 3, 0, list()).run(engine, runOptions());
            assertThat(commandLineOf(engine.idleChildPids().get(0)))
                    .contains("-XX:+UseSerialGC").doesNotContain("-XX:CompileThresholdScaling=0.05");
        }
    }

    private static List<String> commandLineOf(long pid) throws Exception {
        String raw = Files.readString(Path.of("/proc/" + pid + "/cmdline"));
        return List.of(raw.split("\u0000"));
    }

    @Test
    void givenANetworkThatChangedBetweenRunsTheKeptChildComputesTheNewFunction() {
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            List<Outcome<String>> first = list();
            tagged("times-two", 10, 2, first).run(engine, runOptions());
            List<Outcome<String>> second = list();
            tagged("times-ten", 10, 10, second).run(engine, runOptions());

            assertThat(values(first)).isEqualTo(IntStream.range(0, 10).mapToObj(i -> "" + i * 2).toList());
            assertThat(values(second)).isEqualTo(IntStream.range(0, 10).mapToObj(i -> "" + i * 10).toList());
            assertThat(pids(second)).as("the same JVM").isEqualTo(pids(first)).hasSize(1);
            assertThat(engine.childrenStarted()).isEqualTo(1);

            engine.close();
            engine.close();
            assertThat(ProcessHandle.of(pids(first).get(0)).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThatThrownBy(() -> tagged("after-close", 1, 1, list()).run(engine, runOptions()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void givenAKeptChildKilledBetweenRunsTheNextRunReplacesItWithoutFailingAnItem() throws Exception {
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            List<Outcome<String>> first = list();
            tagged("numbers", 10, 3, first).run(engine, runOptions());
            List<String> killedChannels = keptChannels(engine);
            long killed = engine.idleChildPids().get(0);
            ProcessHandle victim = ProcessHandle.of(killed).orElseThrow();
            victim.destroyForcibly();
            victim.onExit().get(10, TimeUnit.SECONDS);

            List<Outcome<String>> second = list();
            RunReport report = tagged("numbers", 10, 3, second).run(engine, runOptions());

            assertThat(values(second)).isEqualTo(values(first));
            assertThat(pids(second)).hasSize(1).doesNotContain(killed);
            assertThat(engine.childrenStarted()).isEqualTo(2);
            assertThat(keptChannels(engine)).as("the dead JVM's channels removed, its replacement's made")
                    .hasSize(1).doesNotContainAnyElementsOf(killedChannels);
            ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
            assertThat(extra.restarts()).as("a replacement before the run is no restart").containsEntry("scale", 0);
        }
    }

    @Test
    void givenAChildThatDiesInAWarmRunItsItemFailsAndItsReplacementIsKeptForTheNextRun() {
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            List<Outcome<String>> first = list();
            NetworkBuilder b = Network.builder("dies-once");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 8).boxed().iterator());
            var scaled = b.transform("scale", numbers.out(), String.class, i -> {
                if (i == 3) {
                    Runtime.getRuntime().halt(3);
                }
                return i + "@" + ProcessHandle.current().pid();
            });
            b.outcomeSink("out", scaled.out(), first::add);
            RunReport report = b.build().run(engine, runOptions());

            assertThat(first).hasSize(8);
            assertThat(first.get(3)).isInstanceOfSatisfying(Outcome.Failure.class,
                    f -> assertThat(f.error().message()).contains("exited with status 3"));
            List<Outcome<String>> others = new ArrayList<>(first);
            others.remove(3);
            assertThat(values(others)).containsExactly("0", "1", "2", "4", "5", "6", "7");
            ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
            assertThat(extra.restarts()).containsEntry("scale", 1);
            assertThat(engine.childrenStarted()).isEqualTo(2);
            List<Long> kept = engine.idleChildPids();
            assertThat(kept).as("the restarted child is kept").hasSize(1);

            List<Outcome<String>> second = list();
            tagged("numbers", 5, 1, second).run(engine, runOptions());
            assertThat(pids(second)).isEqualTo(kept);
            assertThat(engine.childrenStarted()).isEqualTo(2);
        }
    }

    @Test
    void givenARunThatTimedOutTheNextRunStartsFromACleanEngine() {
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            NetworkBuilder b = Network.builder("stuck");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 10).boxed().iterator());
            var stuck = b.transform("scale", numbers.out(), String.class, i -> {
                if (i == 2) {
                    ProcessEngineTest.sleepLong();
                }
                return "" + i;
            });
            b.sink("ignore", stuck.out(), s -> { });
            assertThatThrownBy(() -> b.build().run(engine, RunOptions.defaults().withTimeout(Duration.ofSeconds(4))))
                    .isInstanceOf(RunTimeoutException.class)
                    .hasMessageContaining("item #2");
            assertThat(engine.idleChildPids()).as("the stuck child was killed, not kept").isEmpty();
            assertThat(ProcessHandle.current().descendants().toList()).as("no child of the failed run").isEmpty();

            List<Outcome<String>> next = list();
            tagged("numbers", 10, 1, next).run(engine, runOptions());
            assertThat(values(next)).isEqualTo(IntStream.range(0, 10).mapToObj(i -> "" + i).toList());
            assertThat(engine.idleChildPids()).hasSize(1);
        }
    }

    @Test
    void givenAKeptChildWhoseLaunchNoLongerMatchesTheNextRunReplacesIt() {
        AtomicReference<String> build = new AtomicReference<>("build 1");
        try (ProcessEngine engine = ProcessEngine.warm(options(), new ChildPool(options(), build::get))) {
            List<Outcome<String>> first = list();
            tagged("numbers", 5, 1, first).run(engine, runOptions());
            long old = pids(first).get(0);

            build.set("build 2"); // the class path changed on disk, say
            List<Outcome<String>> second = list();
            tagged("numbers", 5, 1, second).run(engine, runOptions());

            assertThat(values(second)).isEqualTo(values(first));
            assertThat(pids(second)).doesNotContain(old);
            assertThat(ProcessHandle.of(old).map(ProcessHandle::isAlive)).as("the stale child ended")
                    .isNotEqualTo(Optional.of(true));
            assertThat(engine.childrenStarted()).isEqualTo(2);
        }
    }

    @Test
    void aWarmEngineRefusesToKeepOrResumeARunDirectoryAndAColdOneKeepsNothing() {
        assertThatThrownBy(() -> ProcessEngine.warm(options().withKeepRunDirectory(true)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot keep or resume");
        try (ProcessEngine cold = new ProcessEngine(options())) {
            assertThat(cold.isWarm()).isFalse();
            List<Outcome<String>> out = list();
            tagged("numbers", 3, 1, out).run(cold, runOptions());
            assertThat(cold.idleChildPids()).isEmpty();
            assertThat(ProcessHandle.current().descendants().toList()).as("a cold run leaves no child").isEmpty();
        }
    }

    @Test
    void givenAKeptChildThatCannotTakeTheNextRunTheRunFailsWithItsWordsAndTheRunAfterStartsClean() {
        try (ProcessEngine engine = ProcessEngine.warm(options())) {
            tagged("numbers", 3, 1, list()).run(engine, runOptions());
            long kept = engine.idleChildPids().get(0);

            NetworkBuilder b = Network.builder("numbers");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 3).boxed().iterator());
            var scaled = b.transform("scale", numbers.out(), String.class, new RefusesToLeaveTheCoordinator());
            b.sink("out", scaled.out(), v -> { });
            assertThatThrownBy(() -> b.build().run(engine, runOptions()))
                    .hasMessageContaining("child JVM for node 'scale' (replica 0) failed to start")
                    .hasMessageContaining("no child may deserialize this function");
            assertThat(ProcessHandle.of(kept).map(ProcessHandle::isAlive).orElse(false)).as("the kept JVM").isFalse();

            List<Outcome<String>> after = list();
            tagged("numbers", 3, 2, after).run(engine, runOptions());
            assertThat(values(after)).containsExactly("0", "2", "4");
        }
    }

    /** A node function that serializes in the coordinator and refuses to be deserialized anywhere else. */
    private static final class RefusesToLeaveTheCoordinator implements SerializableFunction<Integer, String> {
        private final long coordinator = ProcessHandle.current().pid();

        @Override
        public String apply(Integer i) {
            return String.valueOf(i);
        }

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            if (ProcessHandle.current().pid() != coordinator) {
                throw new java.io.InvalidObjectException("no child may deserialize this function");
            }
        }
    }

    @Test
    void aKeptChildThatCannotStartFailsTheRunWithItsOwnWords() {
        try (ProcessEngine engine = ProcessEngine.warm(options().withJvmOptions(List.of("-Xmx1q")))) {
            assertThatThrownBy(() -> tagged("bad-jvm", 3, 1, list()).run(engine, runOptions()))
                    .hasMessageContaining("child JVM for node 'scale' (replica 0) failed to start")
                    .hasMessageContaining("-Xmx1q");
            assertThat(engine.idleChildPids()).isEmpty();
        }
    }
}
