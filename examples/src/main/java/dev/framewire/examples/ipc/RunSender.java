package dev.framewire.examples.ipc;

/**
 * The sending side of one run. At a fixed rate, message {@code i} is due at {@code start + i / rate}; the sender
 * waits for that moment and stamps it as the intended send time even when it is late, so time lost to a stalled
 * channel is charged to every message that should have gone out meanwhile (coordinated omission accounted for
 * explicitly). At full speed the sender sends back to back and the intended time is the actual one.
 */
final class RunSender {
    /** Lets the receiver's first poll begin before the first message is due. */
    private static final long START_DELAY_NANOS = 1_000_000;
    /**
     * At full speed, at least this many recorded messages are sent even when one send outlasts the whole run (a
     * 36 MB append into fresh pages of a loaded machine can), so every run has a latency and a throughput.
     */
    static final int MIN_RECORDED_AT_FULL_SPEED = 2;

    private RunSender() {
    }

    /** @return the number of messages sent, warm-up included */
    static long send(SendEndpoint endpoint, RunPlan plan, WaitMode wait) {
        long start = System.nanoTime() + START_DELAY_NANOS;
        long warmupEnd = start + plan.warmupNanos();
        long end = warmupEnd + plan.durationNanos();
        long sequence = 0;
        if (plan.fullSpeed()) {
            wait.waitUntil(start);
            long now;
            int recorded = 0;
            while ((now = System.nanoTime()) < end || recorded < MIN_RECORDED_AT_FULL_SPEED) {
                boolean warmup = now < warmupEnd;
                endpoint.send(sequence++, now, warmup ? IpcMessage.FLAG_WARMUP : 0);
                recorded += warmup ? 0 : 1;
            }
        } else {
            double intervalNanos = 1e9 / plan.ratePerSecond();
            while (true) {
                long intended = start + (long) (sequence * intervalNanos);
                if (intended >= end) {
                    break;
                }
                wait.waitUntil(intended);
                endpoint.send(sequence++, intended, intended < warmupEnd ? IpcMessage.FLAG_WARMUP : 0);
            }
        }
        endpoint.sendEnd();
        return sequence;
    }
}
