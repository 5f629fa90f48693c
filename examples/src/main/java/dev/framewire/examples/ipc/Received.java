package dev.framewire.examples.ipc;

/** The header of the last message a receive endpoint delivered; one instance is reused for every message. */
final class Received {
    long sequence;
    long intendedNanos;
    long sentNanos;
    int flags;
    int length;

    boolean isEnd() {
        return sequence == IpcMessage.END;
    }

    boolean isWarmup() {
        return (flags & IpcMessage.FLAG_WARMUP) != 0;
    }

    void checkTail(long tail) {
        if (tail != sequence) {
            throw new IllegalStateException("message " + sequence + " of " + length + " bytes arrived incomplete: tail reads " + tail);
        }
    }
}
