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
            while ((now = System.nanoTime()) < end) {
                endpoint.send(sequence++, now, now < warmupEnd ? IpcMessage.FLAG_WARMUP : 0);
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
