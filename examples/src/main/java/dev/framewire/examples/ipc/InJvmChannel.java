package dev.framewire.examples.ipc;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The handoff between two threads of one JVM, as framewire's thread engine does it: the payload already sits in
 * memory (a decoded frame) and only a reference crosses, through a bounded queue that gives back-pressure.
 * Nothing is copied; the receiver has the whole payload the moment it has the reference.
 *
 * <p>Messages are preallocated slots recycled in a ring one larger than what the queue plus each side can hold,
 * so the hot path allocates nothing. Single producer, single consumer.
 */
final class InJvmChannel {
    static final int CAPACITY = 1024;

    /** One message in flight: the header and a reference to the payload. */
    private static final class Slot {
        long sequence;
        long intendedNanos;
        long sentNanos;
        int flags;
        int length;
        ByteBuffer payload;
        long tail;
    }

    private final ArrayBlockingQueue<Slot> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Slot[] ring = new Slot[CAPACITY + 2];
    private final ByteBuffer payload;
    private final int messageBytes;
    private final WaitMode wait;

    InJvmChannel(int messageBytes, WaitMode wait) {
        this.messageBytes = messageBytes;
        this.wait = wait;
        this.payload = ByteBuffer.allocateDirect(Math.max(1, messageBytes - IpcMessage.MIN_BYTES));
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Slot();
        }
    }

    SendEndpoint sender() {
        return new SendEndpoint() {
            private long next;

            @Override
            public void send(long sequence, long intendedNanos, int flags) {
                Slot slot = ring[(int) (next++ % ring.length)];
                slot.sequence = sequence;
                slot.intendedNanos = intendedNanos;
                slot.flags = flags;
                slot.length = messageBytes;
                slot.payload = payload;
                slot.tail = sequence;
                slot.sentNanos = System.nanoTime();
                put(slot);
            }

            @Override
            public void sendEnd() {
                Slot slot = ring[(int) (next++ % ring.length)];
                slot.sequence = IpcMessage.END;
                slot.tail = IpcMessage.END;
                slot.length = IpcMessage.MIN_BYTES;
                slot.flags = 0;
                slot.sentNanos = slot.intendedNanos = System.nanoTime();
                put(slot);
            }

            @Override
            public void close() {
            }
        };
    }

    private void put(Slot slot) {
        if (wait == WaitMode.BUSY) {
            int idle = 0;
            while (!queue.offer(slot)) {
                wait.idle(idle++);
            }
        } else {
            try {
                queue.put(slot);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing off message " + slot.sequence, e);
            }
        }
    }

    ReceiveEndpoint receiver() {
        return new ReceiveEndpoint() {
            @Override
            public long receive(Received into) {
                Slot slot = take();
                long now = System.nanoTime();
                into.sequence = slot.sequence;
                into.intendedNanos = slot.intendedNanos;
                into.sentNanos = slot.sentNanos;
                into.flags = slot.flags;
                into.length = slot.length;
                into.checkTail(slot.tail);
                return now;
            }

            @Override
            public void close() {
            }
        };
    }

    private Slot take() {
        if (wait == WaitMode.BUSY) {
            Slot slot;
            int idle = 0;
            while ((slot = queue.poll()) == null) {
                wait.idle(idle++);
            }
            return slot;
        }
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a message", e);
        }
    }
}
