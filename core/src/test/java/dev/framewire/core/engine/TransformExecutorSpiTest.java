package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import dev.framewire.core.network.TransformNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SPI the process engine implements: a {@link TransformExecutor} computes transforms its own way (here on a
 * private thread pool, finishing out of order, standing in for child JVMs); the thread engine keeps everything else.
 */
class TransformExecutorSpiTest {

    /** Computes every transform on a pool, in random order; a "crash" on item 13 is reported as a failure message. */
    static final class PoolExecutor implements TransformExecutor {
        final ExecutorService pool = Executors.newFixedThreadPool(3);
        final AtomicInteger closes = new AtomicInteger();
        final List<String> opened = Collections.synchronizedList(new ArrayList<>());

        @Override
        public TransformStage open(TransformNode node, StageContext context) {
            opened.add(node.name());
            var function = node.newFunction();
            return new TransformStage() {
                @Override
                public int maxInFlight() {
                    return 6;
                }

                @Override
                public void submit(long sequence, Object item) {
                    pool.execute(() -> {
                        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 100_000));
                        if (sequence == 13) {
                            context.failed(sequence, "child exited with signal 9 (SIGKILL)");
                            return;
                        }
                        context.completed(sequence, function.apply(item));
                    });
                }

                @Override
                public void close() {
                    pool.shutdownNow();
                }
            };
        }

        @Override
        public Map<String, Object> reportExtensions() {
            return Map.of("children", 3);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private static Network network(List<Outcome<Integer>> outcomes) {
        NetworkBuilder b = Network.builder("spi");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 500).boxed().iterator());
        var squares = b.transform("square", numbers.out(), Integer.class, x -> x % 10 == 0 ? null : x * x);
        b.outcomeSink("out", squares.out(), outcomes::add);
        return b.build();
    }

    /** Squares of 0..499 in order, multiples of 10 dropped, item 13 an error outcome naming the child's signal. */
    private static void assertSquaresInOrderButItem13(List<Outcome<Integer>> outcomes, RunReport report) {
        assertThat(outcomes).extracting(Outcome::sequence).isSorted().hasSize(450);
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Value).extracting(o -> ((Outcome.Value<Integer>) o).value())
                .containsExactlyElementsOf(IntStream.range(0, 500).filter(x -> x % 10 != 0 && x != 13).map(x -> x * x)
                        .boxed().toList());
        assertThat(report.errors()).singleElement().hasToString(
                "node 'square' failed on item #13: child exited with signal 9 (SIGKILL)");
    }

    @Test
    void anExecutorComputesTransformsAndTheCoordinatorRestoresOrder() {
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        PoolExecutor executor = new PoolExecutor();
        RunReport report = network(outcomes).run(new ThreadEngine(() -> executor),
                RunOptions.defaults().withTimeout(java.time.Duration.ofMinutes(1)));

        assertThat(executor.opened).containsExactly("square");
        assertSquaresInOrderButItem13(outcomes, report);
        assertThat(report.extensions()).containsEntry("children", 3);
        assertThat(report.node("square").dropped()).isEqualTo(50);
        assertThat(executor.closes.get()).isEqualTo(1);
    }

    /**
     * A stage with no threads, as the process engine's: items wait in a list until a poll answers some of them, in
     * random order; at most four are in flight.
     */
    static final class PolledExecutor implements TransformExecutor {
        final Set<String> callingThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public TransformStage open(TransformNode node, StageContext context) {
            var function = node.newFunction();
            return new PolledStage() {
                final List<long[]> pending = new ArrayList<>();
                final List<Object> items = new ArrayList<>();

                @Override
                public int maxInFlight() {
                    return 8;
                }

                @Override
                public boolean hasRoom() {
                    callingThreads.add(Thread.currentThread().getName());
                    return pending.size() < 4;
                }

                @Override
                public void submit(long sequence, Object item) {
                    callingThreads.add(Thread.currentThread().getName());
                    assertThat(pending).hasSizeLessThan(4);
                    pending.add(new long[]{sequence});
                    items.add(item);
                }

                @Override
                public int poll() {
                    callingThreads.add(Thread.currentThread().getName());
                    if (pending.isEmpty() || ThreadLocalRandom.current().nextInt(3) == 0) {
                        return 0; // nothing arrived yet
                    }
                    int k = ThreadLocalRandom.current().nextInt(pending.size());
                    long sequence = pending.remove(k)[0];
                    Object item = items.remove(k);
                    if (sequence == 13) {
                        context.failed(sequence, "child exited with signal 9 (SIGKILL)");
                    } else {
                        context.completed(sequence, function.apply(item));
                    }
                    return 1;
                }

                @Override
                public void close() {
                    closes.incrementAndGet();
                }
            };
        }
    }

    @Test
    void aPolledStageIsDrivenByOneThreadOfTheCoordinatorAndItsOutcomesComeOutInOrder() {
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        PolledExecutor executor = new PolledExecutor();
        RunReport report = network(outcomes).run(new ThreadEngine(() -> executor),
                RunOptions.defaults().withTimeout(java.time.Duration.ofMinutes(1)));

        assertSquaresInOrderButItem13(outcomes, report);
        assertThat(report.node("square").dropped()).isEqualTo(50);
        assertThat(report.node("square").itemsIn()).isEqualTo(500);
        assertThat(report.node("square").itemsOut()).isEqualTo(449);
        // one thread, the node's own (no collector): the stage needs no lock against another caller
        assertThat(executor.callingThreads).singleElement().asString().endsWith("square");
        assertThat(executor.closes.get()).isEqualTo(1);
        assertThat(RunThreads.alive("spi")).isEmpty();
    }

    @Test
    void anExecutorCanRefuseARunBeforeAnythingStarts() {
        AtomicInteger closes = new AtomicInteger();
        TransformExecutor refusing = new TransformExecutor() {
            @Override
            public void start(Network network, RunOptions options) {
                throw new IllegalArgumentException("node 'square' cannot cross the process boundary: captures a Socket");
            }

            @Override
            public TransformStage open(TransformNode node, StageContext context) {
                throw new AssertionError("not reached");
            }

            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        List<Outcome<Integer>> outcomes = new ArrayList<>();
        assertThatThrownBy(() -> network(outcomes).run(new ThreadEngine(() -> refusing), RunOptions.defaults()))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("node 'square' cannot cross the process boundary: captures a Socket");
        assertThat(outcomes).isEmpty();
        assertThat(closes.get()).isEqualTo(1);
    }

    @Test
    void aStageCanAbortTheRun() {
        TransformExecutor aborting = (node, context) -> new TransformStage() {
            @Override
            public int maxInFlight() {
                return 1;
            }

            @Override
            public void submit(long sequence, Object item) {
                if (sequence == 3) {
                    context.abortRun("child restarted 3 times; giving up", null);
                } else {
                    context.completed(sequence, item);
                }
            }

            @Override
            public void close() {
            }
        };
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> network(outcomes).run(new ThreadEngine(() -> aborting), RunOptions.defaults()))
                .isInstanceOf(RunFailedException.class)
                .hasMessage("transform 'square': child restarted 3 times; giving up");
        assertThat(RunThreads.alive("spi")).isEmpty();
    }
}
