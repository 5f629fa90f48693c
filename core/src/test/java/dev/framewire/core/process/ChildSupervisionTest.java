package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Children in real JVMs, with every fault injected. Forking JVMs is slow on a 2-core CI machine, so one run
 * carries a whole story of faults.
 */
class ChildSupervisionTest {
    @TempDir
    Path parent;

    private ProcessOptions options() {
        return ProcessOptions.defaults().withRunDirectoryParent(parent).withMaxRestarts(3);
    }

    private static Object outcome(Supplier<Object> compute) {
        try {
            return compute.get();
        } catch (RemoteNodeException e) {
            return "error: " + e.getMessage();
        } catch (ChildFailedException e) {
            return "died: " + e.getMessage();
        }
    }

    @Test
    void everyFaultFailsOnlyItsItemAndTheRestartBoundEndsTheRun() throws Exception {
        ProcessRun run = ProcessRun.start(options(), CodecRegistry.withDefaults(),
                List.of(new ProcessRun.Deployment("faulty", 1, new FaultyNode())));
        try {
            RemoteWorker w = run.worker("faulty", 0);
            long firstPid = (Long) w.compute(0, "pid");
            assertThat(firstPid).isNotEqualTo(ProcessHandle.current().pid());

            assertThat(w.compute(1, "a")).isEqualTo("A");
            assertThat(outcome(() -> w.compute(2, "throw")))
                    .asString().isEqualTo("error: IllegalStateException: bad item throw");
            assertThat(w.compute(3, "b")).as("an exception does not kill the child").isEqualTo("B");
            assertThat(w.compute(4, "drop")).isSameAs(RemoteWorker.DROPPED);
            assertThat(w.compute(5, "pid")).as("same child so far").isEqualTo(firstPid);

            assertThat(outcome(() -> w.compute(6, "exit"))).asString()
                    .contains("of node 'faulty' exited with status 3 while computing item 6");
            assertThat(w.compute(7, "c")).as("restarted for the next item").isEqualTo("C");
            assertThat(outcome(() -> w.compute(8, "sigkill"))).asString()
                    .contains("killed by SIGKILL (exit status 137) while computing item 8");
            assertThat(w.compute(9, "d")).isEqualTo("D");
            assertThat(outcome(() -> w.compute(10, "segv"))).asString()
                    // the JVM turns the fault into a crash report and exit(1) (no core dump: the launcher disables it)
                    .contains("exited with status 1; JVM crash: SIGSEGV")
                    .contains("while computing item 10");
            assertThat(w.compute(11, "e")).isEqualTo("E");
            assertThat(run.restarts()).containsEntry("faulty", 3);

            // frames travel by reference and are read in place; a frame output comes back as a copy
            try (Frame frame = Frame.allocate(640, 480, PixelOrder.BGR)) {
                frame.set(0, 0, 0, 10);
                frame.set(639, 479, 0, 5);
                FaultyNode.FrameSummary summary = (FaultyNode.FrameSummary) w.compute(12, frame);
                assertThat(summary.corners()).isEqualTo(15);
                assertThat(summary.address()).as("the child read the pixels in the mapped queue, not a copy")
                        .isNotEqualTo(frame.address());
            }
            Frame thumb = (Frame) w.compute(13, "thumbnail");
            assertThat(thumb.get(1, 1, 0)).isEqualTo(77);
            thumb.release();

            assertThatThrownBy(() -> w.compute(14, "exit")).isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("node 'faulty'").hasMessageContaining("more than the 3 restarts allowed")
                    .hasMessageContaining("exited with status 3");
            assertThatThrownBy(() -> w.compute(15, "f")).as("the run is over").isInstanceOf(ProcessEngineException.class);
            assertThat(run.deaths()).hasSize(4);
        } finally {
            run.kill();
            run.close();
        }
        assertThat(ProcessHandle.current().children().toList()).as("no child left").isEmpty();
        assertThat(Files.list(parent).toList()).as("run directory removed").isEmpty();
    }

    @Test
    void aChildThatCannotStartFailsTheRunWithItsOwnWords() throws Exception {
        assertThatThrownBy(() -> ProcessRun.start(options().withJvmOptions(List.of("-XX:+NoSuchFramewireOption")),
                CodecRegistry.withDefaults(), List.of(new ProcessRun.Deployment("faulty", 1, new FaultyNode()))))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("child JVM for node 'faulty' (replica 0) failed to start")
                .hasMessageContaining("NoSuchFramewireOption");
        assertThat(ProcessHandle.current().children().toList()).isEmpty();
        assertThat(Files.list(parent).toList()).isEmpty();
    }

    @Test
    void aNodeThatCannotCrossTheBoundaryIsRefusedBeforeAnythingStarts() throws Exception {
        Object notSerializable = new Object();
        NodeFunction capturing = item -> notSerializable.hashCode();
        assertThatThrownBy(() -> ProcessRun.start(options(), CodecRegistry.withDefaults(),
                List.of(new ProcessRun.Deployment("hasher", 1, capturing))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node 'hasher' cannot run in a child process")
                .hasMessageContaining("java.lang.Object");
        assertThat(Files.list(parent).toList()).as("nothing created").isEmpty();
    }
}
