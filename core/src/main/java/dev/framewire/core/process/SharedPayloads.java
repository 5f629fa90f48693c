package dev.framewire.core.process;

import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;

/**
 * Large items (frames) sent to children: each is copied once into a slot of the run's {@link PayloadArena}, and
 * every child it goes to gets the slot's offset and reads it in place. That is how a broadcast to three analyzers
 * costs one copy, not three.
 *
 * <p>Recently shared items are remembered by identity and sequence number, each holding a reference on its slot,
 * so the siblings of a broadcast find the copy their first sibling made. When the arena is full the oldest
 * remembered items are forgotten (a late sibling then makes its own copy), and if every slot is still held by a
 * child at work, {@link #share} waits: this bounds the frames in flight.
 *
 * <p>Thread-safe: the coordinator threads of all replicas share one instance.
 */
final class SharedPayloads implements AutoCloseable {
    /** Items larger than this go through the arena even when they are not frames. */
    static final long LARGE = 256 << 10;

    /** Where an item was copied. */
    record Ref(int slot, long offset, long length) {
    }

    private final PayloadArena arena;
    private final CodecRegistry registry;
    private final Object[] items;
    private final long[] sequences;
    private final Ref[] refs;
    private final BinaryOut out = new BinaryOut();
    private int next;
    private long copies;
    private long reuses;
    private long bytes;

    SharedPayloads(PayloadArena arena, CodecRegistry registry) {
        this.arena = arena;
        this.registry = registry;
        int ring = arena.slots();
        items = new Object[ring];
        sequences = new long[ring];
        refs = new Ref[ring];
    }

    PayloadArena arena() {
        return arena;
    }

    /** Whether {@code item} should travel through the arena rather than inline in an order. */
    boolean byReference(Object item) {
        if (!(item instanceof Frame) && !(item instanceof byte[] b && b.length > LARGE)) {
            return false;
        }
        return registry.maxTaggedSize(item) <= arena.slotBytes();
    }

    /**
     * Copies {@code item} into a slot unless a sibling already did. The caller holds one reference on the returned
     * slot and gives it back with {@link PayloadArena#release}.
     */
    synchronized Ref share(long sequence, Object item) throws InterruptedException {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item && sequences[i] == sequence) {
                arena.retain(refs[i].slot());
                reuses++;
                return refs[i];
            }
        }
        int slot;
        while ((slot = arena.tryAcquire()) < 0) {
            if (!forgetOldest()) {
                arena.awaitRelease(10);
            }
        }
        long offset = arena.offsetOf(slot);
        out.wrap(arena.address(offset), arena.slotBytes());
        try {
            registry.writeTagged(item, out);
        } catch (RuntimeException | Error e) {
            arena.release(slot);
            throw e;
        }
        Ref ref = new Ref(slot, offset, out.written());
        copies++;
        bytes += ref.length();
        if (items[next] != null) {
            arena.release(refs[next].slot());
        }
        items[next] = item;
        sequences[next] = sequence;
        refs[next] = ref;
        next = (next + 1) % items.length;
        arena.retain(slot);
        return ref;
    }

    /** Drops the oldest remembered item's reference. @return false if nothing is remembered */
    private boolean forgetOldest() {
        for (int i = 0; i < items.length; i++) {
            int at = (next + i) % items.length;
            if (items[at] != null) {
                arena.release(refs[at].slot());
                items[at] = null;
                refs[at] = null;
                return true;
            }
        }
        return false;
    }

    /** Copies made into the arena. */
    synchronized long copies() {
        return copies;
    }

    /** Times a sibling found its item already copied. */
    synchronized long reuses() {
        return reuses;
    }

    /** Bytes copied into the arena. */
    synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        while (forgetOldest()) {
            // give back every remembered reference
        }
        arena.close();
    }
}
