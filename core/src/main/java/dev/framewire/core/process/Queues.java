package dev.framewire.core.process;

import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;

import java.nio.file.Path;

/** How every framewire channel opens its Chronicle Queue, so that writers and readers in any process agree. */
final class Queues {
    /**
     * Cycles of one second, which a channel's writer steps through at its own pace ({@link WriterClock},
     * {@link RollPolicy}), not the clock's; a cycle holds 2^32 messages.
     */
    static final RollCycle ROLL_CYCLE = TestRollCycles.TEST_SECONDLY;

    /**
     * One file per day, for records kept across runs (a sink's delivery journal): such a queue never rolls during a
     * run, so no append waits for a new file to be made, and the time between a delivery and its record, when a
     * killed coordinator would deliver that item again on resume, stays a few microseconds. Chronicle reads the cycle
     * from an existing queue's metadata, so whoever creates the queue first decides it.
     */
    static final RollCycle RECORD_ROLL_CYCLE = RollCycles.FAST_DAILY;

    /** Smallest block size; a reader's mapping covers a block plus a quarter, see {@link #blockSizeFor}. */
    static final long MIN_BLOCK_SIZE = 16L << 20;

    private Queues() {
    }

    /**
     * The block size that keeps a message of {@code largestMessage} bytes contiguous in every mapping: a mapping
     * covers one block plus an overlap of a quarter block, so 4x the largest message (rounded up to a power of two).
     */
    static long blockSizeFor(long largestMessage) {
        long wanted = Math.max(MIN_BLOCK_SIZE, 4 * largestMessage);
        return Long.highestOneBit(wanted - 1) << 1;
    }

    static SingleChronicleQueue open(Path dir, long blockSize, boolean readOnly, StoreFileListener listener) {
        return open(dir, blockSize, readOnly, listener, ROLL_CYCLE);
    }

    static SingleChronicleQueue open(Path dir, long blockSize, boolean readOnly, StoreFileListener listener,
                                     RollCycle rollCycle) {
        return open(dir, blockSize, readOnly, listener, rollCycle, null);
    }

    /** As above, with the time the queue sees ({@code null}: the wall clock). */
    static SingleChronicleQueue open(Path dir, long blockSize, boolean readOnly, StoreFileListener listener,
                                     RollCycle rollCycle, TimeProvider time) {
        SingleChronicleQueueBuilder b = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(rollCycle)
                .blockSize(blockSize)
                .readOnly(readOnly);
        if (listener != null) {
            b.storeFileListener(listener);
        }
        if (time != null) {
            b.timeProvider(time);
        }
        return b.build();
    }
}
