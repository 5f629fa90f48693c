package dev.framewire.benchmarks.ipc;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.HdrHistogram.Histogram;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The same handoff between two threads of one JVM, as the thread engine does it: the frame is passed by reference
 * through a single-producer single-consumer ring (no copy at all).
 */
final class ThreadTransport implements Transport {
    private final Frame payload;
    private final Frame[] slots;
    private final long[] sentAt;
    private final AtomicLong published = new AtomicLong(-1);
    private final AtomicLong acked = new AtomicLong(-1);
    private final Histogram latency = new Histogram(3);
    private volatile boolean running = true;
    private final Thread echo;

    ThreadTransport(int payloadBytes) {
        payload = Frame.allocate(payloadBytes, 1, PixelOrder.GRAY);
        int window = ChronicleTransport.window(payloadBytes) + 1;
        slots = new Frame[window];
        sentAt = new long[window];
        echo = new Thread(this::echo, "ipc-echo");
        echo.setDaemon(true);
        echo.start();
    }

    @Override
    public void send(long sequence) {
        int slot = (int) (sequence % slots.length);
        slots[slot] = payload;
        sentAt[slot] = System.nanoTime();
        published.lazySet(sequence);
    }

    private void echo() {
        long next = 0;
        while (running) {
            if (published.get() >= next) {
                int slot = (int) (next % slots.length);
                Frame f = slots[slot];
                latency.recordValue(Math.max(0, System.nanoTime() - sentAt[slot]));
                if (f.width() < 1) {
                    throw new IllegalStateException();
                }
                acked.lazySet(next);
                next++;
            } else {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public long acknowledged() {
        return acked.get();
    }

    @Override
    public String finish() throws Exception {
        running = false;
        echo.join();
        return Transport.summary(latency);
    }

    @Override
    public void close() throws Exception {
        running = false;
        echo.join();
        payload.release();
    }
}
