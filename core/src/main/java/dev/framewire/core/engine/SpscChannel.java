package dev.framewire.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Padding so the producer's and the consumer's hot fields sit on different cache lines. */
abstract class SpscPadHead {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

abstract class SpscTailFields extends SpscPadHead {
    /** next slot the producer writes; written by the producer only (release), read by the consumer (acquire) */
    volatile long tail;
    /** producer-local view of {@code head} */
    long headCache;
    /** producer-local count of frame-carrying messages offered */
    long framesOffered;
    /** producer-local view of {@code framesTaken} */
    long framesTakenCache;
}

abstract class SpscPadMiddle extends SpscTailFields {
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

abstract class SpscHeadFields extends SpscPadMiddle {
    /** next slot the consumer reads, as published to the producer; written by the consumer only (release) */
    volatile long head;
    /** consumer-local read position (ahead of {@code head} by at most a publish batch) */
    long read;
    /** consumer-local view of {@code tail} */
    long tailCache;
    /** frame-carrying messages taken; written by the consumer only (release), read by the producer (acquire) */
    volatile long framesTaken;
}

abstract class SpscPadTail extends SpscHeadFields {
    long p20, p21, p22, p23, p24, p25, p26, p27;
}

/**
 * A bounded single-producer single-consumer channel of messages (a sequence number and a payload), stored in two
 * parallel arrays so that sending a message allocates nothing.
 *
 * <p><b>Threading.</b> Exactly one thread at a time calls the producer methods ({@link #offer}, {@link #close}) and
 * exactly one the consumer methods ({@link #hasNext}, {@link #peekSequence}, {@link #peekPayload}, {@link #take},
 * {@link #isEnded}); a change of thread on either side needs its own happens-before edge. Publication is by
 * release/acquire on {@code tail} and {@code head} (no locks, no CAS). The consumer gives slots back in batches of
 * up to {@value #PUBLISH_BATCH}, and always before it reports the channel empty, so a producer waiting for room
 * always sees it once the consumer has caught up.
 *
 * <p><b>Two bounds.</b> At most {@code capacity} messages, and at most {@code frameCapacity} messages carrying
 * off-heap frames (see {@link FrameOwnership#carriesFrames}): small messages get room for batching, frames keep
 * memory bounded. Whether a message counts as a frame is decided once, at offer, and remembered in its slot.
 *
 * <p><b>End of stream</b> is the closed state, set by the producer after its last {@link #offer}: typed, never a
 * null or sentinel message. Methods do not block; callers wait with an {@link IdleStrategy}.
 */
final class SpscChannel extends SpscPadTail {
    private static final int PUBLISH_BATCH = 64;
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle FRAMES_TAKEN;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(SpscTailFields.class, "tail", long.class);
            HEAD = lookup.findVarHandle(SpscHeadFields.class, "head", long.class);
            FRAMES_TAKEN = lookup.findVarHandle(SpscHeadFields.class, "framesTaken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] sequences;
    private final Object[] payloads;
    private final boolean[] carriesFrames;
    private final int mask;
    private final int capacity;
    private final int frameCapacity;
    private volatile boolean closed;

    SpscChannel(int requestedCapacity) {
        this(requestedCapacity, Integer.MAX_VALUE);
    }

    SpscChannel(int requestedCapacity, int frameCapacity) {
        int cap = Integer.highestOneBit(Math.max(1, requestedCapacity - 1)) << 1;
        if (requestedCapacity == 1) {
            cap = 1;
        }
        this.capacity = cap;
        this.mask = cap - 1;
        this.sequences = new long[cap];
        this.payloads = new Object[cap];
        this.carriesFrames = new boolean[cap];
        this.frameCapacity = frameCapacity;
    }

    int capacity() {
        return capacity;
    }

    // ---------------------------------------------------------------- producer

    /** Appends a message if there is room. @return false if the channel is full */
    boolean offer(long sequence, Object payload) {
        return offer(sequence, payload, FrameOwnership.carriesFrames(payload));
    }

    /**
     * Appends a message if there is room, {@code frames} telling whether it carries frames (computed once by a
     * broadcasting caller). @return false if the channel is full
     */
    boolean offer(long sequence, Object payload, boolean frames) {
        long t = (long) TAIL.getOpaque(this);
        if (t - headCache >= capacity) {
            headCache = (long) HEAD.getAcquire(this);
            if (t - headCache >= capacity) {
                return false;
            }
        }
        if (frames && framesOffered - framesTakenCache >= frameCapacity) {
            framesTakenCache = (long) FRAMES_TAKEN.getAcquire(this);
            if (framesOffered - framesTakenCache >= frameCapacity) {
                return false;
            }
        }
        int i = (int) t & mask;
        sequences[i] = sequence;
        payloads[i] = payload;
        carriesFrames[i] = frames;
        if (frames) {
            framesOffered++;
        }
        TAIL.setRelease(this, t + 1);
        return true;
    }

    /** Marks the end of the stream: no more offers. */
    void close() {
        closed = true;
    }

    // ---------------------------------------------------------------- consumer

    /** Whether a message is ready; when none is, first gives consumed slots back to the producer. */
    boolean hasNext() {
        if (read < tailCache) {
            return true;
        }
        HEAD.setRelease(this, read);
        tailCache = (long) TAIL.getAcquire(this);
        return read < tailCache;
    }

    /** Sequence number of the next message; only after {@link #hasNext()} returned true. */
    long peekSequence() {
        return sequences[(int) read & mask];
    }

    /** Payload of the next message, left in place; only after {@link #hasNext()} returned true. */
    Object peekPayload() {
        return payloads[(int) read & mask];
    }

    /** Removes the next message and returns its payload; only after {@link #hasNext()} returned true. */
    Object take() {
        int i = (int) read & mask;
        Object payload = payloads[i];
        payloads[i] = null;
        if (carriesFrames[i]) {
            FRAMES_TAKEN.setRelease(this, (long) FRAMES_TAKEN.getOpaque(this) + 1);
        }
        read++;
        if ((read & (PUBLISH_BATCH - 1)) == 0) {
            HEAD.setRelease(this, read);
        }
        return payload;
    }

    /** Whether the stream ended and every message was taken. */
    boolean isEnded() {
        // closed is written after the last tail release, so reading it first and the tail after cannot miss a message
        return closed && !hasNext();
    }

    /**
     * Takes every remaining message and hands its payload to {@code action}; for releasing frames after a run stopped,
     * when neither side's thread runs any more.
     */
    void drain(java.util.function.Consumer<Object> action) {
        while (hasNext()) {
            action.accept(take());
        }
    }

    /** Messages waiting (a racy estimate when called from neither side's thread). */
    long size() {
        return (long) TAIL.getAcquire(this) - read;
    }
}
