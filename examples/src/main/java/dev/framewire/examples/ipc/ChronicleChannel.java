package dev.framewire.examples.ipc;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * A memory-mapped Chronicle Queue between two JVMs, used the way framewire's process engine uses it: the sender
 * appends each message once into the mapped file; the receiver tails the same file and gets an address in mapped
 * memory, without copying the payload out (a kernel would read the pixels in place). The receiver touches the
 * header and the tail only, so a large payload costs the sender's copy and page faults, not a second copy.
 *
 * <p>The block size is at least four times the largest message so that a reader's mapping holds every message
 * contiguously (see NOTES: with the default 64 MB blocks a 36 MB frame is often split). Each run uses a fresh
 * queue directory, as a fresh framewire run does; fresh file pages (page faults) are part of what is measured.
 *
 * <p>There is no back-pressure: at full speed the appender may run ahead of the tailer, and the growing
 * latency shows it.
 */
final class ChronicleChannel {
    private static final long MIN_BLOCK = 64L << 20;

    private ChronicleChannel() {
    }

    static long blockSizeFor(int messageBytes) {
        long block = MIN_BLOCK;
        while (block < 4L * messageBytes) {
            block <<= 1;
        }
        return block;
    }

    static ChronicleQueue open(Path dir, int messageBytes) {
        return ChronicleQueue.singleBuilder(dir).blockSize(blockSizeFor(messageBytes)).build();
    }

    static SendEndpoint sender(Path dir, int messageBytes) {
        ChronicleQueue queue = open(dir, messageBytes);
        ExcerptAppender appender = queue.createAppender();
        int payloadBytes = messageBytes - IpcMessage.MIN_BYTES;
        Bytes<?> payload = Bytes.allocateDirect(Math.max(1, payloadBytes));
        for (int i = 0; i < payloadBytes; i++) {
            payload.writeByte((byte) i);
        }
        return new SendEndpoint() {
            @Override
            public void send(long sequence, long intendedNanos, int flags) {
                try (DocumentContext dc = appender.writingDocument()) {
                    Bytes<?> out = dc.wire().bytes();
                    out.writeLong(sequence).writeLong(intendedNanos).writeLong(System.nanoTime())
                            .writeInt(flags).writeInt(messageBytes);
                    if (payloadBytes > 0) {
                        out.write((net.openhft.chronicle.bytes.BytesStore<?, ?>) payload, 0L, (long) payloadBytes);
                    }
                    out.writeLong(sequence);
                }
            }

            @Override
            public void sendEnd() {
                try (DocumentContext dc = appender.writingDocument()) {
                    long now = System.nanoTime();
                    dc.wire().bytes().writeLong(IpcMessage.END).writeLong(now).writeLong(now)
                            .writeInt(0).writeInt(IpcMessage.MIN_BYTES).writeLong(IpcMessage.END);
                }
            }

            @Override
            public void close() {
                appender.close();
                payload.releaseLast();
                queue.close();
            }
        };
    }

    static ReceiveEndpoint receiver(Path dir, int messageBytes, WaitMode wait) {
        ChronicleQueue queue = open(dir, messageBytes);
        ExcerptTailer tailer = queue.createTailer();
        return new ReceiveEndpoint() {
            @Override
            public long receive(Received into) {
                int idle = 0;
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (dc.isPresent()) {
                            Bytes<?> in = dc.wire().bytes();
                            long start = in.readPosition();
                            into.sequence = in.readLong(start + IpcMessage.SEQUENCE);
                            into.intendedNanos = in.readLong(start + IpcMessage.INTENDED);
                            into.sentNanos = in.readLong(start + IpcMessage.SENT);
                            into.flags = in.readInt(start + IpcMessage.FLAGS);
                            into.length = in.readInt(start + IpcMessage.LENGTH);
                            if (in.readRemaining() != into.length) {
                                throw new IllegalStateException("message " + into.sequence + " is " + in.readRemaining()
                                        + " bytes in the queue, header says " + into.length);
                            }
                            into.checkTail(in.readLong(start + into.length - IpcMessage.TAIL_BYTES));
                            long now = System.nanoTime();
                            in.readSkip(into.length);
                            return now;
                        }
                    }
                    wait.idle(idle++);
                }
            }

            @Override
            public void close() {
                tailer.close();
                queue.close();
            }
        };
    }
}
