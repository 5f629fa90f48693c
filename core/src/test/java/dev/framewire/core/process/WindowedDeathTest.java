package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Children that die with several items in their window: exactly the item a child had taken fails, the items queued
 * behind it go to the restarted child, every outcome comes back once and in order. One run carries the whole story
 * (forking JVMs is slow on a 2-core machine).
 */
class WindowedDeathTest {
    @TempDir
    Path parent;

    private static String show(RemoteWorker.Result r) {
        return r.sequence() + " " + switch (r.kind()) {
            case VALUE -> String.valueOf(r.value());
            case DROPPED -> "dropped";
            default -> r.kind() + ": " + r.error();
        };
    }

    @Test
    void aDeathFailsOnlyTheItemTheChildHadTakenAndTheRestOfTheWindowGoesToItsSuccessor() throws Exception {
        ProcessRun run = ProcessRun.start(ProcessOptions.defaults().withRunDirectoryParent(parent).withMaxRestarts(4)
                        .withLargestPayload(1 << 20).withArenaSlots(4),
                CodecRegistry.withDefaults(), List.of(new ProcessRun.Deployment("faulty", 1, new FaultyNode())));
        try {
            RemoteWorker w = run.worker("faulty", 0);
            int window = 3;
            List<String> outcomes = new ArrayList<>();

            long firstPid = (Long) w.compute(0, "pid");
            // a SIGKILL in the middle of a full window: 2 fails, 3 and 4 are computed by the next child
            w.send(1, "a", 1, window);
            w.send(2, "sigkill", 1, window);
            w.send(3, "pid", 1, window);
            assertThat(w.inFlight()).isEqualTo(3);
            outcomes.add(show(w.next()));
            outcomes.add(show(w.next()));
            w.send(4, "b", 1, window);
            RemoteWorker.Result third = w.next();
            assertThat(third.sequence()).isEqualTo(3);
            assertThat((Long) third.value()).as("item 3 was queued behind the fatal one: the new child computed it")
                    .isNotEqualTo(firstPid);
            outcomes.add(show(w.next()));

            // System.exit with an exception, a drop and a frame (by reference, through the arena) queued behind it
            try (Frame frame = Frame.allocate(64, 48, PixelOrder.BGR)) {
                frame.set(0, 0, 0, 7);
                frame.set(63, 47, 0, 8);
                w.send(5, "exit", 1, window);
                assertThat(w.send(6, frame, 1, window)).as("a frame is copied out: the caller may release it").isFalse();
                w.send(7, "throw", 1, window);
                outcomes.add(show(w.next()));
                RemoteWorker.Result summary = w.next();
                assertThat(summary.sequence()).isEqualTo(6);
                assertThat(((FaultyNode.FrameSummary) summary.value()).corners()).isEqualTo(15);
                outcomes.add(show(w.next()));
            }
            w.send(8, "drop", 1, window);
            w.send(9, "segv", 1, window);
            w.send(10, "c", 1, window);
            outcomes.add(show(w.next()));
            outcomes.add(show(w.next()));
            outcomes.add(show(w.next()));

            // a child killed while it waits, between items: no item fails, the next one goes to a new child
            long idlePid = w.pid();
            Runtime.getRuntime().exec(new String[]{"kill", "-9", Long.toString(idlePid)}).waitFor(10, TimeUnit.SECONDS);
            while (ProcessHandle.of(idlePid).map(ProcessHandle::isAlive).orElse(false)) {
                Thread.sleep(10);
            }
            w.send(11, "d", 1, window);
            w.send(12, "e", 1, window);
            outcomes.add(show(w.next()));
            outcomes.add(show(w.next()));

            assertThat(outcomes).hasSize(10);
            assertThat(outcomes.get(0)).isEqualTo("1 A");
            assertThat(outcomes.get(1)).startsWith("2 DIED: ").contains("killed by SIGKILL (exit status 137) while computing item 2");
            assertThat(outcomes.get(2)).isEqualTo("4 B");
            assertThat(outcomes.get(3)).startsWith("5 DIED: ").contains("exited with status 3 while computing item 5");
            assertThat(outcomes.get(4)).isEqualTo("7 ERROR: IllegalStateException: bad item throw");
            assertThat(outcomes.get(5)).isEqualTo("8 dropped");
            assertThat(outcomes.get(6)).startsWith("9 DIED: ").contains("JVM crash: SIGSEGV").contains("while computing item 9");
            assertThat(outcomes.get(7)).isEqualTo("10 C");
            assertThat(outcomes.get(8)).isEqualTo("11 D");
            assertThat(outcomes.get(9)).isEqualTo("12 E");
            assertThat(w.inFlight()).isZero();
            assertThat(run.payloads().arena().inUse()).as("every arena slot given back").isZero();
            assertThat(run.restarts()).containsEntry("faulty", 4);
            assertThat(run.deaths()).hasSize(4);
            assertThat(run.deaths().get(3)).contains("killed by SIGKILL").endsWith("between items");
        } finally {
            run.kill();
            run.close();
        }
        assertThat(ProcessHandle.current().children().toList()).as("no child left").isEmpty();
        assertThat(Files.list(parent).toList()).as("run directory removed").isEmpty();
    }

    @Test
    void replicasWithFullWindowsThatDieLoseAndRepeatNothing() {
        Set<Integer> deadly = Set.of(3, 4, 17, 30);
        List<Outcome<Integer>> archive = Collections.synchronizedList(new ArrayList<>());
        NetworkBuilder b = Network.builder("windowed");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 40).boxed().iterator());
        var squares = b.transform("square", numbers.out(), Integer.class, i -> {
            LockSupport.parkNanos(15_000_000); // long enough for the windows to fill
            if (i == 3 || i == 30) {
                ProcessEngineTest.killMyself();
            }
            if (i == 4 || i == 17) {
                System.exit(5);
            }
            return i * i;
        }).workers(2);
        b.outcomeSink("archive", squares.out(), archive::add);
        RunReport report = b.build().runProcesses(ProcessOptions.defaults().withRunDirectoryParent(parent)
                .withMaxRestarts(4), RunOptions.defaults().withTimeout(Duration.ofSeconds(120)));

        assertThat(archive).extracting(Outcome::sequence).as("every item once, in order")
                .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> (long) i).toList());
        for (Outcome<Integer> o : archive) {
            int i = (int) o.sequence();
            if (deadly.contains(i)) {
                assertThat(((Outcome.Failure<Integer>) o).error().message())
                        .contains(i == 3 || i == 30 ? "killed by SIGKILL" : "exited with status 5")
                        .contains("while computing item " + i);
            } else {
                assertThat(o).isEqualTo(new Outcome.Value<>((long) i, i * i));
            }
        }
        assertThat(report.errorCount()).isEqualTo(4);
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        assertThat(extra.restarts()).containsEntry("square", 4);
        assertThat(ProcessHandle.current().descendants().toList()).as("no child left").isEmpty();
    }
}
