package dev.framewire.core.internal;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.process.ProcessOptions;
import dev.framewire.core.engine.RunOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On Linux with {@code chrt} (util-linux, on every Debian), the threads and child JVMs the engines start run under
 * {@code SCHED_BATCH}, whatever the caller's policy; with {@code framewire.scheduling=inherit} they take the caller's.
 */
class BatchSchedulingTest {
    @TempDir
    Path parent;

    @BeforeAll
    static void linuxWithChrt() {
        assumeTrue(ThisThread.policy() >= 0, "no /proc/thread-self: not Linux");
        boolean chrt = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "chrt")));
        assumeTrue(chrt, "no chrt on the PATH");
    }

    /** A network whose transform reports the scheduling policy of the thread it runs on, for each of 6 items. */
    private static Network policies(List<Integer> seen) {
        NetworkBuilder b = Network.builder("policies");
        var items = b.source("items", Integer.class, () -> IntStream.range(0, 6).boxed().iterator());
        var policy = b.transform("policy", items.out(), Integer.class, i -> ThisThread.policy())
                .workers(2);
        b.sink("seen", policy.out(), seen::add);
        return b.build();
    }

    @Test
    void theThreadEnginesThreadsRunUnderSchedBatch() {
        assertThat(BatchSpawner.batch()).as("the policy could be set").isTrue();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        policies(seen).runThreads(Duration.ofMinutes(1));
        assertThat(seen).hasSize(6).containsOnly(BatchSpawner.SCHED_BATCH);
        assertThat(ThisThread.policy()).as("the caller's own policy is left alone")
                .isNotEqualTo(BatchSpawner.SCHED_BATCH);
    }

    @Test
    void childJvmsRunUnderSchedBatch() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        policies(seen).runProcesses(ProcessOptions.defaults().withRunDirectoryParent(parent).withArenaSlots(2)
                .withLargestPayload(1 << 16), RunOptions.defaults().withTimeout(Duration.ofMinutes(2)));
        assertThat(seen).hasSize(6).containsOnly(BatchSpawner.SCHED_BATCH);
    }

    @Test
    void inheritLeavesThreadsWithTheCallersPolicy() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-D" + BatchSpawner.PROPERTY + "=inherit", "-cp",
                System.getProperty("java.class.path"), PolicyOfAStartedThread.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("caller's policy, then the started thread's").matches("\\d+ \\d+");
        String[] policies = out.split(" ");
        assertThat(policies[1]).isEqualTo(policies[0]);
        assertThat(BatchSpawner.batch()).isTrue();
    }

    /** Prints the calling thread's policy and that of a thread started through {@link BatchSpawner}. */
    public static final class PolicyOfAStartedThread {
        public static void main(String[] args) throws InterruptedException {
            int[] started = new int[1];
            Thread t = new Thread(() -> started[0] = ThisThread.policy());
            BatchSpawner.start(List.of(t));
            t.join();
            System.out.println(ThisThread.policy() + " " + started[0]);
        }
    }
}
