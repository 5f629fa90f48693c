package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** workers(n) replicas finish out of order; the network still emits in input order. */
class ReplicaOrderTest {

    /** Simulates work of random length, so replicas overtake each other. */
    static int slowSquare(int x) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000, 300_000));
        return x * x;
    }

    @Test
    void replicasWithRandomDelaysKeepInputOrder() {
        Set<String> threadsUsed = ConcurrentHashMap.newKeySet();
        NetworkBuilder b = Network.builder("replicas");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 2_000).boxed().iterator());
        var squares = b.transform("square", numbers.out(), Integer.class, x -> {
            threadsUsed.add(Thread.currentThread().getName());
            if (x % 97 == 5) {
                throw new IllegalArgumentException("no square for " + x);
            }
            return x % 50 == 0 ? null : slowSquare(x);
        }).workers(4);
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", squares.out(), outcomes::add);
        RunReport report = b.build().runThreads(java.time.Duration.ofMinutes(2));

        List<Integer> expectedValues = IntStream.range(0, 2_000).filter(x -> x % 50 != 0 && x % 97 != 5).map(x -> x * x)
                .boxed().toList();
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Value)
                .extracting(o -> ((Outcome.Value<Integer>) o).value()).containsExactlyElementsOf(expectedValues);
        assertThat(outcomes).extracting(Outcome::sequence).isSorted();
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failure).extracting(Outcome::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 2_000).filter(x -> x % 97 == 5).mapToObj(x -> (long) x).toList());
        assertThat(threadsUsed).hasSize(4);
        assertThat(report.node("square").workers()).isEqualTo(4);
        assertThat(report.node("square").dropped()).isEqualTo(40);
        assertThat(RunThreads.alive("replicas")).isEmpty();
    }

    /** Counts instances, to show the factory form gives each replica its own. */
    public static final class CountingSquare implements Function<Integer, Integer> {
        static final AtomicInteger INSTANCES = new AtomicInteger();
        private final Set<Thread> callers = ConcurrentHashMap.newKeySet();

        public CountingSquare() {
            INSTANCES.incrementAndGet();
        }

        @Override
        public Integer apply(Integer x) {
            callers.add(Thread.currentThread());
            if (callers.size() > 1) {
                throw new IllegalStateException("instance shared between replica threads");
            }
            return slowSquare(x);
        }
    }

    @Test
    void factoryClassReplicasEachGetTheirOwnInstance() {
        CountingSquare.INSTANCES.set(0);
        NetworkBuilder b = Network.builder("factory");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 300).boxed().iterator());
        var squares = b.transform("square", numbers.out(), Integer.class, CountingSquare.class).workers(3);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        b.sink("out", squares.out(), seen::add);
        RunReport report = b.build().runThreads(java.time.Duration.ofMinutes(2));

        assertThat(report.errors()).isEmpty();
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 300).map(x -> x * x).boxed().toList());
        assertThat(CountingSquare.INSTANCES.get()).isEqualTo(3);
    }
}
