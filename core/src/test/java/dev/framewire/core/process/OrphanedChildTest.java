package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    @Test
    void childrenOfAKilledCoordinatorExitWithinFiveSeconds() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(JvmLauncher.javaBinary());
        cmd.addAll(JvmLauncher.CHRONICLE_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Coordinator.class.getName(), parent.toString()));
        Process coordinator = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long childPid = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(coordinator.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("child ")) {
                    childPid = Long.parseLong(line.substring(6).trim());
                    break;
                }
            }
            assertThat(childPid).as("the coordinator started a child").isPositive();
            ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
            assertThat(child.parent().map(ProcessHandle::pid)).contains(coordinator.pid());

            coordinator.destroyForcibly();
            assertThat(coordinator.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(coordinator.exitValue()).as("SIGKILL").isEqualTo(137);

            boolean gone = child.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join() != null || !child.isAlive();
            assertThat(gone).as("child " + childPid + " exited within 5 s of its coordinator's death").isTrue();
            assertThat(Files.list(parent).toList()).as("the orphan removed the run directory").isEmpty();
        } finally {
            coordinator.destroyForcibly();
            if (childPid > 0) {
                ProcessHandle.of(childPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
