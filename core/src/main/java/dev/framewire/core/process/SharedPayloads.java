package dev.framewire.core.process;

import dev.framewire.core.internal.BatchSpawner;
import dev.framewire.core.codec.BinaryIn;
import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;

/**
 * Large items (frames) sent to children: each is copied once into a slot of the run's {@link PayloadArena}, and
 * every child it goes to gets the slot's offset and reads it in place. That is how a broadcast to three analyzers
 * costs one copy, not three.
 *
 * <p>A shared item is remembered, by identity and sequence number, until each of its expected consumers (the
 * broadcast siblings: the child-run transforms fed by the same output) has taken it; the memory holds a reference on
 * its slot. So however far one sibling runs ahead of another, a frame is copied once. A full arena makes
 * {@link #share} wait until a child gives a slot back: this bounds the frames in flight and holds back the sibling
 * that runs ahead. (Should every slot hold an item whose late consumer does not come for 5 s, the oldest is
 * forgotten; a late consumer would then make its own copy.)
 *
 * <p>A slot's first use would page-fault on every page of it (about 9000 faults, 20-30 ms, for a 36 MB frame on
 * tmpfs: several times the copy). So after each copy, the lowest slot not yet warm for that size is faulted in by a
 * short-lived background thread ({@link PayloadArena#prefault}, reads only), ahead of the copy that will use it:
 * at most one slot at a time, and only as deep as the frames actually sent, so memory still follows the frames in
 * flight.
 *
 * <p><b>Frames that already live in a slot.</b> A child granted a slot for its outcome ({@link #grant}) encodes a
 * frame output there; {@link #adopt} wraps it in place as a coordinator-side {@link Frame} that holds the grant's
 * reference (its last release gives the slot back). When such a frame is sent on to other children, {@link #share}
 * recognises it (its address is in the slot, and it is the very frame adopted there) and takes one more reference
 * on the slot instead of copying: a frame made by one child reaches the others with the one copy its maker did.
 *
 * <p>Thread-safe: the coordinator threads of all replicas share one instance.
 */
final class SharedPayloads implements AutoCloseable {
    /** Slots a grant leaves free for the frames being shared, which wait for a slot while grants never do. */
    private static final int GRANT_KEEPS_FREE = 1;

    /** Items larger than this go through the arena even when they are not frames. */
    static final long LARGE = 256 << 10;
    /** How long a sender waits for a slot while every slot holds an item awaiting a sibling. */
    private static final long GIVE_UP_NANOS = 5_000_000_000L;

    /** Where an item was copied. */
    record Ref(int slot, long offset, long length) {
    }

    private final PayloadArena arena;
    private final CodecRegistry registry;
    private final Object[] items;
    private final long[] sequences;
    private final Ref[] refs;
    private final int[] pending;
    private final BinaryOut out = new BinaryOut();
    /** Bytes at the start of each slot known to be faulted in (copied into, or prefaulted). */
    private final long[] warm;
    /** Per slot, the frame adopted in place there (see {@link #adopt}), or null. */
    private final Frame[] resident;
    /** Per slot, the encoded length of the resident frame. */
    private final long[] residentLength;
    private final BinaryIn in = new BinaryIn();
    private long adopted;
    private long grants;
    /** Whether a prefault thread is running (one at a time). */
    private boolean prefaulting;
    private boolean closed;
    private long prefaults;
    private int next;
    private long copies;
    private long reuses;
    private long bytes;

    /** Whether {@link #close} closes the arena (false for a warm engine's, which outlives the run). */
    private final boolean ownsArena;

    SharedPayloads(PayloadArena arena, CodecRegistry registry) {
        this(arena, registry, true);
    }

    SharedPayloads(PayloadArena arena, CodecRegistry registry, boolean ownsArena) {
        this.ownsArena = ownsArena;
        this.arena = arena;
        this.registry = registry;
        int ring = arena.slots();
        items = new Object[ring];
        sequences = new long[ring];
        refs = new Ref[ring];
        pending = new int[ring];
        warm = new long[ring];
        resident = new Frame[ring];
        residentLength = new long[ring];
        in.viewsAllowed(true);
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
     *
     * @param consumers how many consumers will ask for this item (1 when it is not broadcast)
     */
    Ref share(long sequence, Object item, int consumers) throws InterruptedException {
        long waitedSince = 0;
        while (true) {
            synchronized (this) {
                Ref ref = inPlace(item);
                if (ref != null) {
                    return ref;
                }
                ref = reuse(sequence, item);
                if (ref != null) {
                    return ref;
                }
                int slot = arena.tryAcquire();
                if (slot >= 0) {
                    return copy(sequence, item, consumers, slot);
                }
                // siblings fed by the same output take the same items, so a lagging sibling frees slots as it
                // catches up; only if none comes for a long while is a remembered item dropped (a late taker then
                // copies it again)
                long now = System.nanoTime();
                if (waitedSince == 0) {
                    waitedSince = now;
                } else if (now - waitedSince > GIVE_UP_NANOS && isFullOfRemembered()) {
                    forgetOldest();
                    waitedSince = now;
                }
            }
            // wait without holding this lock: the siblings that free slots need it to find their items
            arena.awaitRelease(10);
        }
    }

    /** A reference on the slot of a frame adopted in place, or null if {@code item} is not one. Holds the lock. */
    private Ref inPlace(Object item) {
        if (!(item instanceof Frame f) || !f.isOpen()) {
            return null;
        }
        int slot = arena.slotOf(f.address());
        if (slot < 0 || resident[slot] != f) {
            return null;
        }
        arena.retain(slot);
        reuses++;
        return new Ref(slot, arena.offsetOf(slot), residentLength[slot]);
    }

    /**
     * A slot to grant a child for the outcome of one order, never waiting: -1 when fewer than two slots are free (so
     * that grants never hold back the frames being shared; the child then answers through its results channel). The
     * caller holds the slot's reference: it passes it to {@link #adopt}, or gives it back with
     * {@link PayloadArena#release}.
     */
    int grant() {
        int slot = closed ? -1 : arena.tryAcquire(GRANT_KEEPS_FREE);
        if (slot > MessageHeader.MAX_GRANT) {
            arena.release(slot);
            return -1;
        }
        if (slot >= 0) {
            synchronized (this) {
                grants++;
            }
        }
        return slot;
    }

    /** Whether {@link #grant} would find a slot now. */
    boolean canGrant() {
        return !closed && arena.canAcquire(GRANT_KEEPS_FREE);
    }

    /**
     * Turns an outcome a child encoded into granted slot {@code slot} ({@code length} bytes) into a value, taking
     * over the grant's reference. A frame is wrapped in place, not copied: it is owned by the caller, and its last
     * release gives the slot back (from any thread). Anything else is decoded as a copy and the slot given back at
     * once.
     */
    Object adopt(int slot, long length) {
        long address = arena.address(arena.offsetOf(slot));
        Object value;
        try {
            synchronized (this) {
                value = registry.readTagged(in.wrap(address, length));
            }
        } catch (RuntimeException | Error e) {
            arena.release(slot);
            throw e;
        }
        if (!(value instanceof Frame view)) {
            arena.release(slot);
            return value;
        }
        // the decoded view's memory is the slot: wrap it with a release that gives the slot back, keeping the
        // arena (and so its mapping) reachable as long as the frame is
        PayloadArena a = arena;
        Frame frame = Frame.wrap(view.address(), view.width(), view.height(), view.stride(), view.order(),
                () -> evict(a, slot));
        view.release();
        synchronized (this) {
            resident[slot] = frame;
            residentLength[slot] = length;
            adopted++;
        }
        return frame;
    }

    private void evict(PayloadArena a, int slot) {
        synchronized (this) {
            resident[slot] = null;
        }
        a.release(slot);
    }

    private Ref reuse(long sequence, Object item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item && sequences[i] == sequence) {
                Ref ref = refs[i];
                arena.retain(ref.slot());
                reuses++;
                if (--pending[i] <= 0) {
                    forget(i);
                }
                return ref;
            }
        }
        return null;
    }

    private Ref copy(long sequence, Object item, int consumers, int slot) {
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
        warm[slot] = Math.max(warm[slot], ref.length());
        prefaultAhead(ref.length());
        if (consumers > 1) {
            remember(sequence, item, ref, consumers - 1);
        }
        return ref;
    }

    /** Faults in, in the background, the lowest slot not yet warm for {@code length} bytes (called holding the lock). */
    private void prefaultAhead(long length) {
        if (prefaulting || closed || length < LARGE) {
            return;
        }
        for (int slot = 0; slot < warm.length; slot++) {
            if (warm[slot] < length) {
                int target = slot;
                warm[target] = length;
                prefaulting = true;
                Thread t = new Thread(() -> {
                    try {
                        arena.prefault(target, length);
                    } finally {
                        synchronized (SharedPayloads.this) {
                            prefaulting = false;
                            prefaults++;
                        }
                    }
                }, "framewire-arena-prefault");
                t.setDaemon(true);
                BatchSpawner.start(java.util.List.of(t));
                return;
            }
        }
    }

    private void remember(long sequence, Object item, Ref ref, int stillComing) {
        int at = -1;
        for (int i = 0; i < items.length; i++) {
            if (items[i] == null) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            at = next;
            forget(at);
        }
        next = (at + 1) % items.length;
        arena.retain(ref.slot());
        items[at] = item;
        sequences[at] = sequence;
        refs[at] = ref;
        pending[at] = stillComing;
    }

    private void forget(int i) {
        if (items[i] != null) {
            arena.release(refs[i].slot());
            items[i] = null;
            refs[i] = null;
        }
    }

    /** Whether every slot is held by the memory of shared items alone (no child holds one). */
    private boolean isFullOfRemembered() {
        int remembered = 0;
        for (Object o : items) {
            if (o != null) {
                remembered++;
            }
        }
        return remembered >= arena.slots();
    }

    /** Drops the oldest remembered item's reference. @return false if nothing is remembered */
    private boolean forgetOldest() {
        for (int i = 0; i < items.length; i++) {
            int at = (next + i) % items.length;
            if (items[at] != null) {
                forget(at);
                return true;
            }
        }
        return false;
    }

    /** Frame outcomes children wrote into a granted slot, adopted without a copy. */
    synchronized long adopted() {
        return adopted;
    }

    /** Slots granted to children for their outcomes. */
    synchronized long grants() {
        return grants;
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

    /** Slots faulted in ahead of use so far, for tests. */
    synchronized long prefaults() {
        return prefaults;
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (forgetOldest()) {
            // give back every remembered reference
        }
        if (ownsArena) {
            arena.close();
        }
    }
}
