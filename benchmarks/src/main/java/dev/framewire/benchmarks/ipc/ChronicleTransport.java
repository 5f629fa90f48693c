package dev.framewire.benchmarks.ipc;

import dev.framewire.core.codec.BinaryOut;
import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.core.process.ChannelReader;
import dev.framewire.core.process.ChannelWriter;
import dev.framewire.core.process.JvmLauncher;
import dev.framewire.core.process.PayloadArena;
import dev.framewire.core.process.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * framewire's process channel, two ways. {@code chronicle}: the frame is encoded straight into the memory-mapped
 * Chronicle Queue (one copy of its pixels, onto fresh file pages every time). {@code arena}: the frame is copied
 * into a recycled slot of a {@link PayloadArena} (one copy, onto warm pages) and the queue carries the slot's
 * offset, as the process engine does for frames. Either way the echo JVM reads the pixels in place and appends a
 * header-only acknowledgement.
 */
final class ChronicleTransport implements Transport {
    static final int WINDOW_BYTES = 256 << 20;
    private final RunDirectory run = RunDirectory.create(RunDirectory.defaultParent());
    private final CodecRegistry registry = CodecRegistry.withDefaults();
    private final Frame payload;
    private final long largest;
    private final ChannelWriter ping;
    private final ChannelReader pong;
    private Process echo;
    private final long[] indexes;
    private final PayloadArena arena;
    private final BinaryOut out = new BinaryOut();
    private final int[] slots;
    private long released = -1;
    private long acked = -1;
    private boolean peerReady;
    private final ChannelReader.Handler onAck = m -> {
        if (m.sequence() == IpcEcho.READY) {
            peerReady = true;
        } else {
            acked = m.sequence();
        }
    };

    ChronicleTransport(int payloadBytes, boolean viaArena) throws Exception {
        payload = Frame.allocate(payloadBytes, 1, PixelOrder.GRAY);
        largest = payloadBytes + 64L;
        indexes = new long[window(payloadBytes) + 1];
        slots = new int[indexes.length];
        PayloadArena a = null;
        ChannelWriter w = null;
        ChannelReader r = null;
        try {
            a = viaArena ? PayloadArena.create(run.path().resolve("arena"), largest, indexes.length) : null;
            w = ChannelWriter.open("ping", run.channel("ping"), viaArena ? 64 : largest, registry);
            r = ChannelReader.open("pong", run.channel("pong"), 64, registry, true);
            echo = JvmLauncher.processBuilder(JvmLauncher.javaCommand(IpcEcho.class.getName(), "chronicle",
                    run.path().toString(), Long.toString(largest), Boolean.toString(viaArena), Integer.toString(indexes.length)))
                    .redirectErrorStream(true).redirectOutput(run.path().resolve("echo.log").toFile()).start();
            awaitPeer(r, echo);
        } catch (Exception | Error e) {
            // a failed set-up (missing JVM flags, for one) must not leave its run directory behind
            if (r != null) {
                r.close();
            }
            if (w != null) {
                w.close();
            }
            if (a != null) {
                a.close();
            }
            if (echo != null) {
                echo.destroyForcibly();
            }
            payload.release();
            run.delete();
            throw e;
        }
        arena = a;
        ping = w;
        pong = r;
    }

    /**
     * Waits for the echo JVM's ready signal, so the trial measures the channel and not the peer's start-up: without
     * it, a short first iteration (the CI smoke's one 200 ms iteration) is spent waiting for the JVM to start, and
     * the peer, which ignores messages sent before it was ready, reports latencies over 0 or 1 messages.
     */
    private void awaitPeer(ChannelReader r, Process peer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!peerReady) {
            if (!r.poll(onAck)) {
                if (!peer.isAlive()) {
                    throw new IllegalStateException("echo JVM exited with " + peer.exitValue() + " before it was ready: "
                            + Files.readString(run.path().resolve("echo.log")));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("echo JVM not ready after 60 s");
                }
                Thread.sleep(1);
            }
        }
    }

    /** Messages in flight at most during the throughput benchmark: bounded by bytes so the queue stays small. */
    static int window(int payloadBytes) {
        return (int) Math.max(2, Math.min(256, WINDOW_BYTES / Math.max(1, payloadBytes)));
    }

    @Override
    public void send(long sequence) {
        long index;
        if (arena != null) {
            long sent = System.nanoTime();
            // lowest free slot, as the engine does: a latency run reuses one warm slot
            int slot = arena.tryAcquire();
            if (slot < 0) {
                throw new IllegalStateException("window larger than the arena");
            }
            slots[(int) (sequence % slots.length)] = slot;
            long offset = arena.offsetOf(slot);
            out.wrap(arena.address(offset), arena.slotBytes());
            registry.writeTagged(payload, out);
            index = ping.appendReference(sequence, offset, out.written(), sent);
        } else {
            index = ping.append(sequence, payload);
        }
        indexes[(int) (sequence % indexes.length)] = index;
    }

    @Override
    public long acknowledged() {
        while (pong.poll(onAck)) {
            // drain every acknowledgement available
        }
        if (arena != null) {
            for (long s = released + 1; s <= acked; s++) {
                arena.release(slots[(int) (s % slots.length)]);
            }
            released = acked;
        }
        if (acked >= 0) {
            // the echo has read everything up to the acknowledged message: older queue files can go
            ping.releaseBefore(indexes[(int) (acked % indexes.length)]);
        }
        return acked;
    }

    @Override
    public String finish() throws Exception {
        ping.appendEnd(0);
        if (!echo.waitFor(30, TimeUnit.SECONDS)) {
            echo.destroyForcibly();
            return "echo did not finish";
        }
        Path report = run.path().resolve(IpcEcho.REPORT);
        return Files.exists(report) ? Files.readString(report) : "no report: " + Files.readString(run.path().resolve("echo.log"));
    }

    @Override
    public void close() {
        echo.destroyForcibly();
        ping.close();
        pong.close();
        payload.release();
        if (arena != null) {
            arena.close();
        }
        run.delete();
    }
}
