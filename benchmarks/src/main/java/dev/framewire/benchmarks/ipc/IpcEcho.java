package dev.framewire.benchmarks.ipc;

import dev.framewire.core.codec.BinaryIn;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.process.ChannelReader;
import dev.framewire.core.process.ChannelWriter;
import dev.framewire.core.process.MessageKind;
import dev.framewire.core.process.PayloadArena;
import org.HdrHistogram.Histogram;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The echo peer of the IPC benchmarks, in its own JVM: acknowledges every message and records its one-way latency.
 * Busy-spins: latency benchmarks measure the channel, not the scheduler.
 */
public final class IpcEcho {
    static final String REPORT = "echo-report.txt";
    /** Sequence number of the echo's first acknowledgement: it is ready (its channels are open). */
    static final long READY = Long.MIN_VALUE;

    private IpcEcho() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "chronicle" -> chronicle(Path.of(args[1]), Long.parseLong(args[2]), Boolean.parseBoolean(args[3]),
                    Integer.parseInt(args[4]));
            case "socket" -> socket(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown transport " + args[0]);
        }
    }

    private static void chronicle(Path run, long largest, boolean viaArena, int slots) throws Exception {
        CodecRegistry registry = CodecRegistry.withDefaults();
        PayloadArena arena = viaArena ? PayloadArena.open(run.resolve("arena"), largest, slots) : null;
        BinaryIn in = new BinaryIn().viewsAllowed(true);
        Histogram latency = new Histogram(3);
        boolean[] ended = new boolean[1];
        try (ChannelReader ping = ChannelReader.open("ping", run.resolve("ch-ping"), viaArena ? 64 : largest, registry, true);
             ChannelWriter pong = ChannelWriter.open("pong", run.resolve("ch-pong"), 64, registry)) {
            // messages sent while this JVM was starting measure its start-up, not the channel
            long ready = System.nanoTime();
            pong.appendDropped(READY);
            ChannelReader.Handler handler = m -> {
                if (m.kind() == MessageKind.END) {
                    ended[0] = true;
                    return;
                }
                if (m.appendNanos() >= ready) {
                    latency.recordValue(Math.max(0, System.nanoTime() - m.appendNanos()));
                }
                Frame view = (Frame) (m.kind() == MessageKind.REFERENCE
                        ? registry.readTagged(in.wrap(arena.address(m.referenceOffset()), m.referenceLength()))
                        : m.value());
                view.release();
                pong.appendDropped(m.sequence());
            };
            while (!ended[0]) {
                if (!ping.poll(handler)) {
                    Thread.onSpinWait();
                }
            }
            Files.writeString(run.resolve(REPORT), Transport.summary(latency) + ", copies " + ping.copies());
        }
    }

    private static void socket(Path socket, int payloadBytes) throws Exception {
        Histogram latency = new Histogram(3);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer in = ByteBuffer.allocateDirect(16 + payloadBytes).order(ByteOrder.nativeOrder());
            ByteBuffer ack = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
            while (true) {
                in.clear();
                while (in.hasRemaining()) {
                    if (ch.read(in) < 0) {
                        System.out.println(Transport.summary(latency));
                        return;
                    }
                }
                latency.recordValue(Math.max(0, System.nanoTime() - in.getLong(8)));
                ack.clear();
                ack.putLong(0, in.getLong(0));
                while (ack.hasRemaining()) {
                    ch.write(ack);
                }
            }
        }
    }
}
