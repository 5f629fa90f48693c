package dev.framewire.core.engine;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Off-heap frames: freed exactly once, after their last reader, and never too many alive at once. */
class FrameLifecycleTest {

    static Stream<Engine> engines() {
        return Engines.all();
    }

    /** Frames of {@code bytes} each, counting how many are alive and how often each was freed. */
    static final class FrameFactory implements Iterable<Frame> {
        final int count;
        final int width;
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger maxLive = new AtomicInteger();
        final AtomicInteger[] frees;

        FrameFactory(int count, int width) {
            this.count = count;
            this.width = width;
            this.frees = new AtomicInteger[count];
            for (int i = 0; i < count; i++) {
                frees[i] = new AtomicInteger();
            }
        }

        @Override
        public Iterator<Frame> iterator() {
            return new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    return next < count;
                }

                @Override
                public Frame next() {
                    int id = next++;
                    Frame memory = Frame.allocate(width, width, PixelOrder.GRAY);
                    memory.set(0, 0, 0, id % 256);
                    maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
                    return Frame.wrap(memory.address(), width, width, width, PixelOrder.GRAY, () -> {
                        frees[id].incrementAndGet();
                        live.decrementAndGet();
                        memory.release();
                    });
                }
            };
        }

        List<Integer> freeCounts() {
            return Stream.of(frees).map(AtomicInteger::get).toList();
        }
    }

    /** Reads a pixel; fails (address() throws) if the frame was already freed. */
    static int firstPixel(Frame f) {
        return f.get(0, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aBroadcastFrameIsFreedExactlyOnceAfterItsLastReader(Engine engine) {
        FrameFactory frames = new FrameFactory(200, 16);
        NetworkBuilder b = Network.builder("broadcast");
        var decoded = b.source("decode", Frame.class, frames);
        var sharp = b.transform("sharpness", decoded.out(), Integer.class, FrameLifecycleTest::firstPixel).workers(2);
        var expo = b.transform("exposure", decoded.out(), Integer.class, f -> firstPixel(f) + 1);
        var comp = b.transform("composition", decoded.out(), Integer.class, f -> firstPixel(f) + 2);
        var merged = b.mergeSynch("verdict", sharp.out(), expo.out(), comp.out());
        List<Integer> sums = Collections.synchronizedList(new ArrayList<>());
        b.sink("archive", merged.out(), m -> sums.add(m.first() + m.second() + m.third()));
        RunReport report = b.build().run(engine, RunOptions.defaults().withTimeout(java.time.Duration.ofMinutes(1)));

        assertThat(report.errors()).isEmpty();
        assertThat(sums).hasSize(200);
        assertThat(sums.get(7)).isEqualTo(3 * 7 + 3);
        assertThat(frames.freeCounts()).containsOnly(1);
        assertThat(frames.live.get()).isZero();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aFramePassedOnByATransformAndBroadcastToSinksIsFreedOnce(Engine engine) {
        FrameFactory frames = new FrameFactory(100, 8);
        NetworkBuilder b = Network.builder("passon");
        var decoded = b.source("decode", Frame.class, frames);
        var same = b.transform("identity", decoded.out(), Frame.class, f -> f);
        AtomicInteger read = new AtomicInteger();
        b.sink("a", same.out(), f -> read.addAndGet(firstPixel(f) >= 0 ? 1 : 0));
        b.sink("b", same.out(), f -> read.addAndGet(firstPixel(f) >= 0 ? 1 : 0));
        b.build().run(engine, RunOptions.defaults().withTimeout(java.time.Duration.ofMinutes(1)));

        assertThat(read.get()).isEqualTo(200);
        assertThat(frames.freeCounts()).containsOnly(1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void manyLargeFramesKeepTheNumberAliveBoundedByTheChannels(Engine engine) {
        int capacity = 3;
        FrameFactory frames = new FrameFactory(300, 1024); // 1 MiB each: 300 MiB if nothing were freed on the way
        NetworkBuilder b = Network.builder("large");
        var decoded = b.source("decode", Frame.class, frames);
        var a = b.transform("left", decoded.out(), Integer.class, FrameLifecycleTest::firstPixel);
        var c = b.transform("right", decoded.out(), Integer.class, FrameLifecycleTest::firstPixel);
        var merged = b.mergeSynch("join", a.out(), c.out());
        AtomicInteger seen = new AtomicInteger();
        b.sink("out", merged.out(), m -> seen.incrementAndGet());
        // the channels have room for 1024 small messages, but only for `capacity` frames
        b.build().run(engine, RunOptions.defaults().withFrameCapacity(capacity).withTimeout(java.time.Duration.ofMinutes(1)));

        assertThat(seen.get()).isEqualTo(300);
        // two frame-carrying edges of `capacity`, plus the frame in the hands of the source and of each transform
        assertThat(frames.maxLive.get()).isBetween(1, 2 * capacity + 3);
        assertThat(frames.live.get()).isZero();
        assertThat(frames.freeCounts()).containsOnly(1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void framesOfARunStoppedByFailFastAreAllFreed(Engine engine) {
        FrameFactory frames = new FrameFactory(500, 64);
        NetworkBuilder b = Network.builder("stopped");
        var decoded = b.source("decode", Frame.class, frames);
        var a = b.transform("check", decoded.out(), Integer.class, f -> {
            if (firstPixel(f) == 100) {
                throw new IllegalStateException("bad frame");
            }
            return firstPixel(f);
        }).workers(2);
        var c = b.transform("other", decoded.out(), Frame.class, f -> f);
        b.sink("out", a.out(), x -> { });
        b.sink("frames", c.out(), f -> { });
        Network network = b.build();

        assertThatThrownBy(() -> network.run(engine, RunOptions.defaults().withFailFast(true)
                .withTimeout(java.time.Duration.ofMinutes(1))))
                .isInstanceOf(RunFailedException.class).hasMessageContaining("item #100");
        assertThat(frames.live.get()).isZero();
        assertThat(frames.freeCounts()).allMatch(n -> n <= 1);
    }
}
