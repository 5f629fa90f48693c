package dev.framewire.examples.ipc;

import dev.framewire.core.codec.BinaryIn;
import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.process.ChannelReader;
import dev.framewire.core.process.ChannelWriter;
import dev.framewire.core.process.Message;
import dev.framewire.core.process.MessageKind;
import dev.framewire.core.process.PayloadArena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The way framewire's process engine moves a frame to a child: the frame is copied once into a recycled slot of a
 * memory-mapped {@link PayloadArena} (warm pages, unlike the queue's ever-fresh ones), a Chronicle channel carries
 * only the slot's offset, the receiver decodes the frame as a view of the slot in place, and an acknowledgement
 * on a return channel frees the slot. The slots bound the messages in flight: the sender waits for a free slot,
 * which is the engine's back-pressure.
 *
 * <p>Here the receiver creates the arena file (it is ready first) and the sender maps it; the slot accounting lives
 * in the sender, as it does in the engine's coordinator.
 */
final class ChronicleArenaChannel {
    /** Arena size the slot count is derived from: up to 256 slots, at least 2, about 256 MiB in all. */
    static final long ARENA_BYTES = 256L << 20;
    private static final long PAGE = 4096;

    private ChronicleArenaChannel() {
    }

    static long slotBytes(int messageBytes) {
        long wanted = ChronicleChannel.payloadBytes(messageBytes) + 256L;
        return (wanted + PAGE - 1) / PAGE * PAGE;
    }

    static int slots(int messageBytes) {
        return (int) Math.max(2, Math.min(256, ARENA_BYTES / slotBytes(messageBytes)));
    }

    static SendEndpoint sender(Path dir, int messageBytes, WaitMode wait) {
        CodecRegistry registry = ChronicleChannel.registry();
        long slotBytes = slotBytes(messageBytes);
        int slots = slots(messageBytes);
        PayloadArena arena = PayloadArena.open(dir.resolve("arena"), slotBytes, slots);
        ChannelWriter ping = ChannelWriter.open("ping", dir.resolve("ping"), 256, registry);
        ChannelReader acks = ChannelReader.open("acks", dir.resolve("acks"), 256, registry, true);
        Frame payload = ChronicleChannel.payloadFrame(messageBytes);
        int[] slotOf = new int[slots];
        BinaryOut out = new BinaryOut();
        ChannelReader.Handler onAck = ack -> arena.release(slotOf[(int) (ack.sequence() % slots)]);
        return new SendEndpoint() {
            @Override
            public void send(long sequence, long intendedNanos, int flags) {
                long sent = System.nanoTime();
                int slot;
                int idle = 0;
                while (acks.poll(onAck)) {
                    // free every slot the receiver is done with
                }
                while ((slot = arena.tryAcquire()) < 0) {
                    if (!acks.poll(onAck)) {
                        wait.idle(idle++);
                    }
                }
                slotOf[(int) (sequence % slots)] = slot;
                long offset = arena.offsetOf(slot);
                out.wrap(arena.address(offset), slotBytes);
                registry.writeTagged(new IpcProbe(intendedNanos, sent, flags, payload), out);
                ping.appendReference(sequence, offset, out.written());
            }

            @Override
            public void sendEnd() {
                ping.appendEnd(IpcMessage.END);
            }

            @Override
            public void close() {
                ping.close();
                acks.close();
                arena.close();
                payload.close();
            }
        };
    }

    static ReceiveEndpoint receiver(Path dir, int messageBytes, WaitMode wait) {
        CodecRegistry registry = ChronicleChannel.registry();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        PayloadArena arena = PayloadArena.create(dir.resolve("arena"), slotBytes(messageBytes), slots(messageBytes));
        ChannelReader ping = ChannelReader.open("ping", dir.resolve("ping"), 256, registry, true);
        ChannelWriter acks = ChannelWriter.open("acks", dir.resolve("acks"), 256, registry);
        BinaryIn in = new BinaryIn().viewsAllowed(true);
        int payloadBytes = ChronicleChannel.payloadBytes(messageBytes);
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
                IpcProbe probe = (IpcProbe) registry.readTagged(
                        in.wrap(arena.address(message.referenceOffset()), message.referenceLength()));
                ChronicleChannel.readProbe(message.sequence(), probe, messageBytes, payloadBytes, into);
                receivedAt = System.nanoTime();
                probe.payload().close();
                acks.appendDropped(message.sequence());
            }

            @Override
            public long receive(Received message) {
                into = message;
                int idle = 0;
                while (!ping.poll(handler)) {
                    wait.idle(idle++);
                }
                return receivedAt;
            }

            @Override
            public void close() {
                ping.close();
                acks.close();
                arena.close();
            }
        };
    }
}
