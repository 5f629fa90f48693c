package dev.framewire.core.process;

import dev.framewire.core.engine.RunFailedException;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.RunTimeoutException;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.OutputMemory;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Merged2;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process engine runs the very networks the other engines run. Every run here forks JVMs, so each test carries
 * several assertions.
 */
class ProcessEngineTest {
    @TempDir
    Path parent;

    record Score(double value) {
    }

    private ProcessOptions options() {
        return ProcessOptions.defaults().withRunDirectoryParent(parent).withLargestPayload(1 << 20).withArenaSlots(8);
    }

    private static RunOptions runOptions() {
        return RunOptions.defaults().withTimeout(Duration.ofSeconds(120));
    }

    @AfterEach
    void nothingLeft() throws Exception {
        assertThat(ProcessHandle.current().descendants().toList()).as("no child process left").isEmpty();
        try (var entries = Files.list(parent)) {
            assertThat(entries.toList()).as("run directory removed").isEmpty();
        }
    }

    /** A deterministic BGR frame for photo {@code i}. */
    static Frame photo(int i) {
        Frame f = Frame.allocate(160, 120, PixelOrder.BGR);
        byte[] row = new byte[160 * 3];
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < row.length; x++) {
                row[x] = (byte) (x * 7 + y * 13 + i * 31);
            }
            f.copyRowFrom(y, row, 0);
        }
        return f;
    }

    /**
     * The photo-scorer shape on frames: broadcast to three analyzers (one with 2 workers), MergeSynch, a verdict
     * transform on the merged triple, an archive.
     */
    static final class FrameScorer {
        final List<Frame> frames = Collections.synchronizedList(new ArrayList<>());
        final List<Outcome<String>> archive = Collections.synchronizedList(new ArrayList<>());
        final Network network;

        FrameScorer(int photos, int failOn) {
            NetworkBuilder b = Network.builder("frame-scorer");
            var files = b.source("files", Frame.class, () -> IntStream.range(0, photos).mapToObj(i -> {
                Frame f = photo(i);
                frames.add(f);
                return f;
            }).iterator());
            var sharp = b.transform("sharpness", files.out(), Score.class, f -> {
                long sum = 0;
                for (int x = 0; x < f.width(); x++) {
                    sum += f.get(x, f.height() / 2, 0);
                }
                return new Score(sum / (255.0 * f.width()));
            }).workers(2);
            var expo = b.transform("exposure", files.out(), Score.class, f -> {
                if (failOn >= 0 && f.get(0, 0, 0) == ((failOn * 31) & 0xFF)) {
                    throw new IllegalArgumentException("truncated JPEG");
                }
                return new Score(f.get(f.width() - 1, f.height() - 1, 2) / 255.0);
            });
            var comp = b.transform("composition", files.out(), Score.class, f -> new Score(f.get(f.width() / 3, f.height() / 3, 1) / 255.0));
            // the merged triple crosses to a child too: records need no codec registration
            var merged = b.mergeSynch("merge", sharp.out(), expo.out(), comp.out());
            var verdicts = b.transform("verdict", merged.out(), String.class, m -> {
                double total = 0.4 * m.first().value() + 0.4 * m.second().value() + 0.2 * m.third().value();
                return (total > 0.5 ? "post_it " : total > 0.3 ? "maybe " : "delete ") + String.format("%.4f", total);
            });
            b.outcomeSink("archive", verdicts.out(), archive::add);
            network = b.build();
        }
    }

    /** SIGKILL, from outside the JVM, like an OOM killer or an operator would. */
    static void killMyself() {
        try {
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleepLong() {
        try {
            Thread.sleep(600_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theSameFrameNetworkGivesTheSameArchiveOnThreadsAndProcesses() {
        FrameScorer threads = new FrameScorer(40, 13);
        threads.network.run(new ThreadEngine(), runOptions());
        FrameScorer processes = new FrameScorer(40, 13);
        RunReport report = processes.network.runProcesses(options(), runOptions());

        assertThat(processes.archive).hasSize(40).isEqualTo(threads.archive);
        assertThat(processes.archive.get(13)).isEqualTo(new Outcome.Failure<String>(13,
                new ItemError("exposure", 13, "IllegalArgumentException: truncated JPEG")));
        assertThat(report.engine()).isEqualTo("processes");
        assertThat(report.node("sharpness").itemsIn()).isEqualTo(40);
        assertThat(processes.frames).as("every frame freed after its last reader").noneMatch(Frame::isOpen);

        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        assertThat(extra.arenaCopies()).as("a frame broadcast to three children is copied once").isEqualTo(40);
        assertThat(extra.arenaCopies() + extra.arenaReuses()).as("each of the 3 analyzers got each frame").isEqualTo(120);
        assertThat(extra.startupMillis()).containsOnlyKeys("sharpness", "exposure", "composition", "verdict");
        assertThat(extra.restarts()).containsEntry("sharpness", 0);
        assertThat(extra.channels()).anySatisfy(c -> {
            assertThat(c.name()).startsWith("results-exposure");
            assertThat(c.items()).isEqualTo(40);
        });
    }

    /**
     * The scorer's real shape: frames made in a child (a decoder) go to three child analyzers. They come back in the
     * arena slot granted to the decoder and reach the analyzers from there: no copy by the coordinator.
     */
    static Network decodedFrames(List<Outcome<String>> archive) {
        NetworkBuilder b = Network.builder("decoded-scorer");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 30).boxed().iterator());
        var decoded = b.transform("decode", numbers.out(), Frame.class, ProcessEngineTest::photo).workers(2);
        var sharp = b.transform("sharpness", decoded.out(), Score.class, f -> {
            long sum = 0;
            for (int x = 0; x < f.width(); x++) {
                sum += f.get(x, f.height() / 2, 0);
            }
            return new Score(sum / (255.0 * f.width()));
        });
        var expo = b.transform("exposure", decoded.out(), Score.class, f -> new Score(f.get(f.width() - 1, f.height() - 1, 2) / 255.0));
        var comp = b.transform("composition", decoded.out(), Score.class, f -> new Score(f.get(f.width() / 3, f.height() / 3, 1) / 255.0));
        var merged = b.mergeSynch("merge", sharp.out(), expo.out(), comp.out());
        var verdicts = b.transform("verdict", merged.out(), String.class, m -> String.format("%.6f %.6f %.6f",
                m.first().value(), m.second().value(), m.third().value()));
        b.outcomeSink("archive", verdicts.out(), archive::add);
        return b.build();
    }

    @Test
    void framesMadeInAChildReachItsSiblingsWithoutACopyAndGiveTheSameArchive() {
        List<Outcome<String>> threads = Collections.synchronizedList(new ArrayList<>());
        decodedFrames(threads).run(new ThreadEngine(), runOptions());
        List<Outcome<String>> processes = Collections.synchronizedList(new ArrayList<>());
        // slots to spare: a grant is only given while at least two slots are free
        RunReport report = decodedFrames(processes).runProcesses(options().withArenaSlots(32), runOptions());

        assertThat(processes).hasSize(30).isEqualTo(threads);
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        assertThat(extra.arenaCopies() + extra.arenaReuses()).as("each of the 3 analyzers got each frame").isEqualTo(90);
        assertThat(extra.arenaInPlace()).as("decoded frames made in their slot, as a rule").isGreaterThan(20);
        assertThat(extra.arenaCopies()).as("decoded frames are shared from the slot they were made in, as a rule")
                .isLessThan(10);
        assertThat(extra.channels()).filteredOn(c -> c.name().startsWith("results-decode"))
                .as("frames do not travel through the decoder's results channel, as a rule")
                .allSatisfy(c -> assertThat(c.bytes()).isLessThan(10L * 160 * 120 * 3));
    }

    @Test
    void aDecoderAheadOfASlowAnalyzerWaitsForAnArenaSlotInsteadOfSendingItsFramesByCopy() {
        NetworkBuilder b = Network.builder("slow-analyzer");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 40).boxed().iterator());
        var decoded = b.transform("decode", numbers.out(), Frame.class, ProcessEngineTest::photo).workers(2);
        var fast = b.transform("exposure", decoded.out(), Score.class, f -> new Score(f.get(0, 0, 2) / 255.0));
        var slow = b.transform("composition", decoded.out(), Score.class, f -> {
            LockSupport.parkNanos(10_000_000);
            return new Score(f.get(1, 1, 1) / 255.0);
        });
        var merged = b.mergeSynch("merge", fast.out(), slow.out());
        List<Outcome<Merged2<Score, Score>>> out = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("archive", merged.out(), out::add);

        // frames pile up in front of the slow analyzer and hold the arena's slots (8 here, the decoder's replicas
        // could take 4 of them for grants alone)
        RunReport report = b.build().runProcesses(options(), runOptions());

        assertThat(out).hasSize(40).allMatch(o -> o instanceof Outcome.Value);
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        // without waiting for slots, 13 of 40 were made in place; a pause of the machine longer than the patience
        // (100 ms) may still let one through
        assertThat(extra.arenaInPlace()).as("frames made in a granted slot").isGreaterThanOrEqualTo(37);
        assertThat(extra.arenaCopies()).as("frames that came back by value to be copied into the arena")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void aSinkThatKeepsEveryFrameDoesNotStopTheDecoderOnceTheArenaIsFull() {
        NetworkBuilder b = Network.builder("keeping-sink");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 30).boxed().iterator());
        var decoded = b.transform("decode", numbers.out(), Frame.class, ProcessEngineTest::photo).workers(2);
        List<Frame> kept = Collections.synchronizedList(new ArrayList<>());
        b.sink("keep", decoded.out(), f -> kept.add(f.retain()));

        // 8 slots, 30 frames kept: once the arena is full, each frame comes back by value after a wait for a slot
        RunReport report = b.build().runProcesses(options(), runOptions());

        assertThat(kept).hasSize(30);
        assertThat(report.errorCount()).isZero();
        for (int i = 0; i < kept.size(); i++) {
            Frame expected = photo(i);
            assertThat(kept.get(i).get(0, 0, 0)).isEqualTo(expected.get(0, 0, 0));
            expected.release();
        }
        kept.forEach(Frame::release);
    }

    /** A frame for item {@code i}, made in the memory offered for the output when there is an offer; pixel (0,0) says. */
    static Frame madeInPlaceIfOffered(int i) {
        int w = 160;
        int h = 120;
        long offered = OutputMemory.claim((long) w * 3 * h);
        Frame f = offered != 0 ? Frame.wrap(offered, w, h, w * 3, PixelOrder.BGR, null) : Frame.allocate(w, h, PixelOrder.BGR);
        byte[] row = new byte[w * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < row.length; x++) {
                row[x] = (byte) (x * 7 + y * 13 + i * 31);
            }
            f.copyRowFrom(y, row, 0);
        }
        f.set(0, 0, 0, offered != 0 ? 1 : 0);
        return f;
    }

    /** make (a frame per number) broadcast to read (pixel (0,0) and a checksum) and size, into {@code out}. */
    private static Network madeInPlaceNetwork(List<String> out) {
        NetworkBuilder b = Network.builder("made-in-place");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 30).boxed().iterator());
        var made = b.transform("make", numbers.out(), Frame.class, ProcessEngineTest::madeInPlaceIfOffered);
        var read = b.transform("read", made.out(), String.class, f -> {
            long sum = 0;
            for (int x = 0; x < f.width(); x++) {
                sum += f.get(x, f.height() / 2, 1) + f.get(f.width() - 1 - x, f.height() - 1, 2);
            }
            return f.get(0, 0, 0) + " " + sum;
        });
        var sizes = b.transform("size", made.out(), Integer.class, f -> f.width() * f.height());
        b.sink("out", read.out(), out::add);
        b.sink("sizes", sizes.out(), s -> { });
        return b.build();
    }

    @Test
    void aFrameAChildMakesInTheOfferedMemoryReachesItsSiblingsWithoutACopyOfItsPixels() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        madeInPlaceNetwork(threads).run(new ThreadEngine(), runOptions());
        assertThat(threads).as("nothing is offered on threads").allSatisfy(s -> assertThat(s).startsWith("0 "));

        List<String> out = Collections.synchronizedList(new ArrayList<>());
        Network network = madeInPlaceNetwork(out);
        RunReport report = network.runProcesses(options().withArenaSlots(32), runOptions());

        assertThat(out).hasSize(30);
        assertThat(out.stream().map(s -> s.substring(2)).toList()).as("the same pixels")
                .isEqualTo(threads.stream().map(s -> s.substring(2)).toList());
        assertThat(out.stream().filter(s -> s.startsWith("1 ")).count())
                .as("frames made in their granted slot, as a rule").isGreaterThan(20);
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        assertThat(extra.arenaInPlace()).isGreaterThan(20);
    }

    @Test
    void childrenThatDieFailTheirItemOnlyAndEveryOtherItemArrivesOnce() {
        List<Outcome<Integer>> archive = Collections.synchronizedList(new ArrayList<>());
        NetworkBuilder b = Network.builder("crashy");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 30).boxed().iterator());
        var squares = b.transform("square", numbers.out(), Integer.class, i -> {
            if (i == 5) {
                killMyself();
            }
            if (i == 9) {
                System.exit(3);
            }
            if (i == 12) {
                return null; // dropped
            }
            return i * i;
        });
        b.outcomeSink("archive", squares.out(), archive::add);
        RunReport report = b.build().runProcesses(options(), runOptions());

        assertThat(archive).extracting(Outcome::sequence).as("in order, each once, the drop missing")
                .containsExactlyElementsOf(IntStream.range(0, 30).filter(i -> i != 12).mapToObj(i -> (long) i).toList());
        for (Outcome<Integer> o : archive) {
            int i = (int) o.sequence();
            if (i == 5) {
                assertThat(((Outcome.Failure<Integer>) o).error().message()).contains("killed by SIGKILL (exit status 137)");
            } else if (i == 9) {
                assertThat(((Outcome.Failure<Integer>) o).error().message()).contains("exited with status 3");
            } else {
                assertThat(o).isEqualTo(new Outcome.Value<>((long) i, i * i));
            }
        }
        assertThat(report.errorCount()).isEqualTo(2);
        ProcessReport extra = (ProcessReport) report.extensions().get(ProcessReport.KEY);
        assertThat(extra.restarts()).containsEntry("square", 2);
        assertThat(extra.deaths()).hasSize(2);
    }

    @Test
    void aNodeDyingMoreOftenThanAllowedFailsTheRunCleanly() {
        NetworkBuilder b = Network.builder("doomed");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 1000).boxed().iterator());
        var exits = b.transform("exits", numbers.out(), Integer.class, i -> {
            System.exit(4);
            return i;
        });
        b.sink("ignore", exits.out(), i -> { });
        assertThatThrownBy(() -> b.build().runProcesses(options().withMaxRestarts(1), runOptions()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("node 'exits': children died 2 times, more than the 1 restarts allowed")
                .hasMessageContaining("exited with status 4");
    }

    @Test
    void aTimeoutNamesTheBusyChildAndItsItemAndLeavesNoChildAndNoFrameUnreleased() {
        // more frames than the child's window holds: one waits to be sent when the run times out
        List<Frame> photos = IntStream.range(0, 6).mapToObj(ProcessEngineTest::photo).toList();
        NetworkBuilder b = Network.builder("stuck");
        var frames = b.source("frames", Frame.class, photos);
        var stuck = b.transform("stuck", frames.out(), Integer.class, f -> {
            sleepLong();
            return 0;
        });
        b.sink("ignore", stuck.out(), i -> { });
        assertThatThrownBy(() -> b.build().runProcesses(options(), RunOptions.defaults().withTimeout(Duration.ofSeconds(3))))
                .isInstanceOf(RunTimeoutException.class)
                .hasMessageContaining("'stuck#0 (child pid ")
                .hasMessageContaining("item #0");
        // nothingLeft() checks that the child is gone
        assertThat(photos).as("frames still open after the run").noneMatch(Frame::isOpen);
    }

    @Test
    void nodesThatCannotCrossTheBoundaryAreRefusedBeforeAnythingStarts() {
        Object notSerializable = new Object();
        NetworkBuilder b = Network.builder("refused");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 3).boxed().iterator());
        var hashed = b.transform("hasher", numbers.out(), Integer.class, i -> i + notSerializable.hashCode());
        b.sink("ignore", hashed.out(), i -> { });
        assertThatThrownBy(() -> b.build().runProcesses(options(), runOptions()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("node 'hasher' cannot run in a child process")
                .hasMessageContaining("java.lang.Object");

        NetworkBuilder c = Network.builder("no-codec");
        var words = c.source("words", String.class, List.of("a"));
        var builders = c.transform("builders", words.out(), StringBuilder.class, StringBuilder::new);
        c.sink("ignore", builders.out(), s -> { });
        assertThatThrownBy(() -> c.build().runProcesses(options(), runOptions()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("node 'builders' cannot run in a child process: port 'builders.out'")
                .hasMessageContaining("no codec for java.lang.StringBuilder");
    }

    @Test
    void aChildThatCannotStartFailsTheRunWithinSeconds() {
        NetworkBuilder b = Network.builder("bad-jvm");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 3).boxed().iterator());
        var same = b.transform("same", numbers.out(), Integer.class, i -> i);
        b.sink("ignore", same.out(), i -> { });
        assertThatThrownBy(() -> b.build().runProcesses(options().withJvmOptions(List.of("-Xmx1q")), runOptions()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("child JVM for node 'same' (replica 0) failed to start")
                .hasMessageContaining("-Xmx1q");
    }
}
