package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A slow sink slows the source: what the source produces ahead is bounded by the channels, not by the input. */
class BackPressureTest {
    private static final int ITEMS = 10_000;
    private static final int CAPACITY = 8;

    @Test
    void aStalledSinkStopsTheSourceAfterTheChannelsFill() {
        AtomicInteger produced = new AtomicInteger();
        AtomicLong producedWhenSinkResumed = new AtomicLong(-1);
        Iterable<Integer> counting = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < ITEMS;
            }

            @Override
            public Integer next() {
                return produced.getAndIncrement();
            }
        };
        NetworkBuilder b = Network.builder("bp");
        var numbers = b.source("numbers", Integer.class, counting);
        var doubled = b.transform("double", numbers.out(), Integer.class, x -> 2 * x);
        AtomicInteger consumed = new AtomicInteger();
        b.sink("slow", doubled.out(), x -> {
            if (consumed.getAndIncrement() == 0) {
                // stall until the source either produced everything (no back-pressure) or is parked waiting for room
                while (produced.get() < ITEMS && !sourceIsParked()) {
                    LockSupport.parkNanos(100_000);
                }
                producedWhenSinkResumed.set(produced.get());
            }
        });
        Network network = b.build();
        RunReport report = network.runThreads(RunOptions.defaults().withChannelCapacity(CAPACITY)
                .withTimeout(java.time.Duration.ofMinutes(2)));

        // two channels of CAPACITY, plus one item in the hands of the source, the transform and the sink
        assertThat(producedWhenSinkResumed.get()).isBetween((long) CAPACITY, 2L * CAPACITY + 3);
        assertThat(consumed.get()).isEqualTo(ITEMS);
        assertThat(report.node("numbers").backPressure()).isPositive();
    }

    private static boolean sourceIsParked() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("framewire-bp-numbers"))
                .anyMatch(t -> t.getState() == Thread.State.TIMED_WAITING || t.getState() == Thread.State.WAITING);
    }
}
