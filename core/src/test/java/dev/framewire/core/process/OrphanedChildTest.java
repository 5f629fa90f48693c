package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A coordinator killed with SIGKILL cannot clean up: its children must notice and exit by themselves. */
class OrphanedChildTest {
    @TempDir
    Path parent;

    /** A coordinator in its own JVM: starts one child, keeps it busy, prints its pid, waits to be killed. */
    public static final class Coordinator {
        public static void main(String[] args) throws Exception {
            ProcessRun run = ProcessRun.start(ProcessOptions.defaults().withRunDirectoryParent(Path.of(args[0])),
                    CodecRegistry.withDefaults(), List.of(new ProcessRun.Deployment("sleeper", 1, new FaultyNode())));
            RemoteWorker w = run.worker("sleeper", 0);
            Thread busy = new Thread(() -> w.compute(0, "sleep"));
            busy.start();
            System.out.println("child " + run.childPids().get(0));
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    /** A coordinator with a warm engine: one run, then its two children wait idle for the next; prints their pids. */
    public static final class WarmCoordinator {
        public static void main(String[] args) throws Exception {
            ProcessEngine engine = ProcessEngine.warm(ProcessOptions.defaults().withRunDirectoryParent(Path.of(args[0]))
                    .withLargestPayload(1 << 20).withArenaSlots(4));
            NetworkBuilder b = Network.builder("idle-later");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 4).boxed().iterator());
            var doubled = b.transform("double", numbers.out(), Integer.class, i -> 2 * i);
            var tripled = b.transform("triple", numbers.out(), Integer.class, i -> 3 * i);
            b.sink("a", doubled.out(), i -> { });
            b.sink("b", tripled.out(), i -> { });
            b.build().run(engine, RunOptions.defaults().withTimeout(Duration.ofMinutes(2)));
            for (long pid : engine.idleChildPids()) {
                System.out.println("child " + pid);
            }
            System.out.println("idle");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    @Test
    void childrenOfAKilledCoordinatorExitWithinFiveSeconds() throws Exception {
        killedCoordinatorLeavesNothing(Coordinator.class, 1);
    }

    @Test
    void idleChildrenOfAWarmEngineWhoseCoordinatorWasKilledExitWithinFiveSeconds() throws Exception {
        killedCoordinatorLeavesNothing(WarmCoordinator.class, 2);
    }

    private void killedCoordinatorLeavesNothing(Class<?> main, int children) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JvmLauncher.javaBinary());
        cmd.addAll(JvmLauncher.CHRONICLE_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), parent.toString()));
        Process coordinator = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(coordinator.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (pids.size() < children && (line = out.readLine()) != null) {
                if (line.startsWith("child ")) {
                    pids.add(Long.parseLong(line.substring(6).trim()));
                }
            }
            assertThat(pids).as("the coordinator started its children").hasSize(children);
            List<ProcessHandle> handles = new ArrayList<>();
            for (long pid : pids) {
                ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
                assertThat(child.parent().map(ProcessHandle::pid)).contains(coordinator.pid());
                handles.add(child);
            }

            coordinator.destroyForcibly();
            assertThat(coordinator.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(coordinator.exitValue()).as("SIGKILL").isEqualTo(137);

            for (ProcessHandle child : handles) {
                boolean gone = child.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join() != null || !child.isAlive();
                assertThat(gone).as("child " + child.pid() + " exited within 5 s of its coordinator's death").isTrue();
            }
            assertThat(Files.list(parent).toList()).as("the orphans removed the run directory").isEmpty();
        } finally {
            coordinator.destroyForcibly();
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
