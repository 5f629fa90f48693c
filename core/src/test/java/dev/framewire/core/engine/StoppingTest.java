package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a thread-engine run ends early: timeout, interruption, fail-fast; and that no thread of it survives. */
class StoppingTest {

    /** Blocks (interruptibly) forever when it meets item {@code at}. */
    private static int blockAt(int x, int at, CountDownLatch reached) {
        if (x == at) {
            reached.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        return x;
    }

    @Test
    void timeoutNamesEveryBusyNodeAndTheItemItHolds() {
        CountDownLatch reached = new CountDownLatch(2);
        NetworkBuilder b = Network.builder("stuck");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 1_000).boxed().iterator());
        var a = b.transform("thumbnail", numbers.out(), Integer.class, x -> blockAt(x, 3, reached));
        var c = b.transform("upload", numbers.out(), Integer.class, x -> blockAt(x, 5, reached)).workers(2);
        b.sink("archive", a.out(), x -> { });
        b.sink("remote", c.out(), x -> { });
        Network network = b.build();

        assertThatThrownBy(() -> network.runThreads(Duration.ofSeconds(2)))
                .isInstanceOf(RunTimeoutException.class)
                .hasMessageContaining("run of network 'stuck' timed out after PT2S")
                .hasMessageContaining("'thumbnail' on item #3 (3)")
                .hasMessageContaining("'upload#")
                .hasMessageContaining("on item #5 (5)")
                .satisfies(e -> assertThat(((RunTimeoutException) e).busy()).extracting(BusyItem::sequence)
                        .containsExactlyInAnyOrder(3L, 5L));
        assertThat(reached.getCount()).isZero();
        assertThat(RunThreads.alive("stuck")).isEmpty();
    }

    @Test
    void interruptingTheCallerStopsTheRunAndLeavesNoThread() throws Exception {
        CountDownLatch sinkBusy = new CountDownLatch(1);
        NetworkBuilder b = Network.builder("interrupted");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 1_000_000).boxed().iterator());
        var doubled = b.transform("double", numbers.out(), Integer.class, x -> 2 * x).workers(2);
        b.sink("archive", doubled.out(), x -> blockAt(x, 4, sinkBusy));
        Network network = b.build();

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                network.runThreads(Duration.ofMinutes(5));
            } catch (Throwable t) {
                thrown.set(t);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        }, "test-caller");
        caller.start();
        sinkBusy.await();
        caller.interrupt();
        caller.join();

        assertThat(thrown.get()).isInstanceOf(RunInterruptedException.class)
                .hasMessageContaining("run of network 'interrupted' interrupted");
        assertThat(flagAfter.get()).as("caller's interrupt flag set again").isTrue();
        assertThat(((RunInterruptedException) thrown.get()).report().node("archive").itemsIn()).isGreaterThanOrEqualTo(3);
        assertThat(RunThreads.alive("interrupted")).isEmpty();
    }

    @Test
    void failFastLeavesNoThreadAndNamesTheError() {
        NetworkBuilder b = Network.builder("failfast");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 1_000_000).boxed().iterator());
        var checked = b.transform("check", numbers.out(), Integer.class, x -> {
            if (x == 1234) {
                throw new IllegalStateException("corrupt");
            }
            return x;
        }).workers(3);
        b.sink("archive", checked.out(), x -> { });
        Network network = b.build();

        assertThatThrownBy(() -> network.runThreads(RunOptions.defaults().withFailFast(true)))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("network 'failfast' stopped by fail-fast: node 'check' failed on item #1234: "
                        + "IllegalStateException: corrupt");
        assertThat(RunThreads.alive("failfast")).isEmpty();
    }

    @Test
    void aCompletedRunLeavesNoThread() {
        PhotoScorerShape scorer = new PhotoScorerShape(100, 3);
        scorer.network.runThreads(Duration.ofMinutes(1));
        assertThat(scorer.archive).hasSize(100);
        assertThat(RunThreads.alive("scorer")).isEmpty();
    }
}
