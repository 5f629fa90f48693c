package dev.framewire.examples.ipc;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.codec.RawMemory;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.core.process.ChannelReader;
import dev.framewire.core.process.ChannelWriter;
import dev.framewire.core.process.Message;
import dev.framewire.core.process.MessageKind;

import java.nio.file.Path;

/**
 * framewire's process-engine channel ({@link ChannelWriter} / {@link ChannelReader} over a memory-mapped Chronicle
 * Queue) between two JVMs. The sender appends each message once, encoding it straight into the mapped file (the
 * payload frame's pixels copied once); the receiver tails the same file and decodes the frame as a view of the
 * mapped memory, the way a native kernel in a child process reads a photo, and checks the payload's last byte.
 *
 * <p>The payload frame holds the message size minus {@link IpcMessage#MIN_BYTES}, like the other channels; the
 * channel adds its own header (sequence, append time, kind, length) and the codec tags, a few dozen bytes.
 * Each run uses a fresh queue directory, as a fresh framewire run does, so first-touch page faults of the
 * mapped file are part of what is measured. There is no back-pressure in the channel itself (the process
 * engine adds a credit window on top): at full speed the appender may run ahead of the reader, and the growing
 * latency shows it.
 */
final class ChronicleChannel {
    private static final String NAME = "ipc";

    private ChronicleChannel() {
    }

    static CodecRegistry registry() {
        return CodecRegistry.withDefaults().registerRecord(IpcProbe.class);
    }

    static int payloadBytes(int messageBytes) {
        return Math.max(1, messageBytes - IpcMessage.MIN_BYTES);
    }

    /** The expected last payload byte, so the receiver can tell the whole payload arrived. */
    static byte lastByte(int payloadBytes) {
        return (byte) (payloadBytes * 31 + 7);
    }

    /** The payload arrived whole when its size and last byte are as sent; otherwise the run stops. */
    static void checkPayload(Frame frame, int payloadBytes, Received into) {
        if (frame.byteSize() != payloadBytes
                || RawMemory.getByte(frame.address() + payloadBytes - 1) != lastByte(payloadBytes)) {
            into.checkTail(~into.sequence);
        }
    }

    /**
     * Fills {@code into} from a received probe and checks its payload: the same for both Chronicle receivers
     * (payload in the queue or in an arena slot), so they record and verify a message the same way.
     */
    static void readProbe(long sequence, IpcProbe probe, int messageBytes, int payloadBytes, Received into) {
        into.sequence = sequence;
        into.intendedNanos = probe.intendedNanos();
        into.sentNanos = probe.sentNanos();
        into.flags = probe.flags();
        into.length = messageBytes;
        checkPayload(probe.payload(), payloadBytes, into);
    }

    /** A payload frame of the message's size whose last byte the receiver checks. */
    static Frame payloadFrame(int messageBytes) {
        int payloadBytes = payloadBytes(messageBytes);
        Frame payload = Frame.allocate(payloadBytes, 1, PixelOrder.GRAY);
        RawMemory.fill(payload.address(), payloadBytes, (byte) 0x5a);
        RawMemory.putByte(payload.address() + payloadBytes - 1, lastByte(payloadBytes));
        return payload;
    }

    static SendEndpoint sender(Path dir, int messageBytes) {
        ChannelWriter writer = ChannelWriter.open(NAME, dir, messageBytes + 256L, registry());
        Frame payload = payloadFrame(messageBytes);
        return new SendEndpoint() {
            @Override
            public void send(long sequence, long intendedNanos, int flags) {
                writer.append(sequence, new IpcProbe(intendedNanos, System.nanoTime(), flags, payload));
            }

            @Override
            public void sendEnd() {
                writer.appendEnd(IpcMessage.END);
            }

            @Override
            public void close() {
                writer.close();
                payload.close();
            }
        };
    }

    static ReceiveEndpoint receiver(Path dir, int messageBytes, WaitMode wait) {
        ChannelReader reader = ChannelReader.open(NAME, dir, messageBytes + 256L, registry(), true);
        int payloadBytes = payloadBytes(messageBytes);
        return new ReceiveEndpoint() {
            private Received into;
            private long receivedAt;

            private final ChannelReader.Handler handler = this::onMessage;

            private void onMessage(Message message) {
                if (message.kind() == MessageKind.END) {
                    into.sequence = IpcMessage.END;
                    receivedAt = System.nanoTime();
                    return;
                }
                readProbe(message.sequence(), (IpcProbe) message.value(), messageBytes, payloadBytes, into);
                receivedAt = System.nanoTime();
            }

            @Override
            public long receive(Received message) {
                into = message;
                int idle = 0;
                while (!reader.poll(handler)) {
                    wait.idle(idle++);
                }
                return receivedAt;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }
}
