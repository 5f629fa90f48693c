package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The run's shared payload channel: a frame (or any large item) sent to several children is appended here once,
 * and each child gets only its queue index; every child reads the same mapped pixels. That is how a broadcast to
 * three analyzers costs one copy, not three.
 *
 * <p>Recently shared items are remembered by identity and sequence number in a small ring, so the siblings of a
 * broadcast find the copy their first sibling made; an item that fell out of the ring is simply appended again.
 * Files are deleted when neither the ring nor any child still needs them.
 *
 * <p>Thread-safe: coordinator threads of all replicas share one instance.
 */
final class SharedPayloads implements AutoCloseable {
    /** Items larger than this go by reference even when they are not frames. */
    static final long LARGE = 256 << 10;
    private static final int RING = 64;

    private final ChannelWriter writer;
    private final CodecRegistry registry;
    private final Object[] items = new Object[RING];
    private final long[] sequences = new long[RING];
    private final long[] indexes = new long[RING];
    private final List<LongSupplier> holders = new CopyOnWriteArrayList<>();
    private int next;
    private long shared;
    private long reused;

    SharedPayloads(ChannelWriter writer, CodecRegistry registry) {
        this.writer = writer;
        this.registry = registry;
    }

    /** Whether {@code item} should travel by reference rather than inline in an order. */
    boolean byReference(Object item) {
        return item instanceof Frame || registry.maxTaggedSize(item) > LARGE;
    }

    /** Registers a reader's currently held index ({@link Long#MAX_VALUE} when none), protecting its file. */
    void addHolder(LongSupplier heldIndex) {
        holders.add(heldIndex);
    }

    /** The queue index of {@code item} on the payload channel, appending it unless a sibling already did. */
    synchronized long share(long sequence, Object item) {
        for (int i = 0; i < RING; i++) {
            if (items[i] == item && sequences[i] == sequence) {
                reused++;
                return indexes[i];
            }
        }
        long index = writer.append(sequence, item);
        shared++;
        items[next] = item;
        sequences[next] = sequence;
        indexes[next] = index;
        next = (next + 1) % RING;
        releaseUnneeded();
        return index;
    }

    private void releaseUnneeded() {
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < RING; i++) {
            if (items[i] != null) {
                oldest = Math.min(oldest, indexes[i]);
            }
        }
        for (LongSupplier h : holders) {
            oldest = Math.min(oldest, h.getAsLong());
        }
        if (oldest != Long.MAX_VALUE) {
            writer.releaseBefore(oldest);
        }
    }

    /** Items appended, and items a sibling found already appended. */
    synchronized long[] counts() {
        return new long[]{shared, reused};
    }

    ChannelWriter writer() {
        return writer;
    }

    @Override
    public synchronized void close() {
        java.util.Arrays.fill(items, null);
        writer.close();
    }
}
