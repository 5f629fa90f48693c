package dev.framewire.examples.ipc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sweep measures.
 *
 * @param channels            channel kinds, in table order
 * @param sizes               total message sizes in bytes, each at least {@link IpcMessage#MIN_BYTES}
 * @param ratePerSecond       offered messages per second in fixed-rate runs
 * @param maxOfferedBytesPerSecond caps the fixed rate of large messages: a run offers
 *                            {@code min(rate, maxOfferedBytesPerSecond / size)} messages per second
 * @param fixedRate           whether to run each size at the fixed offered rate
 * @param fullSpeed           whether to run each size at full speed
 * @param warmupNanos         unrecorded time at the start of each run
 * @param durationNanos       recorded time of each run
 * @param waitMode            how both ends wait
 * @param pin                 pin the sender thread to CPU 0 and the receiver thread to CPU 1
 * @param workDir             parent of the private directory holding queues, arenas and sockets (tmpfs by default)
 */
record IpcSettings(List<ChannelKind> channels, List<Integer> sizes, double ratePerSecond, double maxOfferedBytesPerSecond,
                   boolean fixedRate, boolean fullSpeed, long warmupNanos, long durationNanos, WaitMode waitMode,
                   boolean pin, Path workDir) {

    IpcSettings {
        channels = List.copyOf(channels);
        sizes = List.copyOf(sizes);
        if (channels.isEmpty() || sizes.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: give at least one channel and one size");
        }
        for (int size : sizes) {
            if (size < IpcMessage.MIN_BYTES) {
                throw new IllegalArgumentException("--sizes " + size + ": a message is at least " + IpcMessage.MIN_BYTES
                        + " bytes (its header and tail)");
            }
        }
        if (!fixedRate && !fullSpeed) {
            throw new IllegalArgumentException("nothing to measure: neither fixed rate nor full speed");
        }
        if (fixedRate && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("--rate " + ratePerSecond + ": must be above 0 messages per second");
        }
        if (durationNanos <= 0 || warmupNanos < 0) {
            throw new IllegalArgumentException("--duration must be above 0 and --warmup at least 0");
        }
    }

    /** Offered rate for one size in fixed-rate runs. */
    double offeredRate(int size) {
        return Math.min(ratePerSecond, maxOfferedBytesPerSecond / size);
    }

    /**
     * Warm-up of the first run of each channel, at least: its receiver is a fresh JVM (or thread) still loading
     * classes and compiling, and a short warm-up would charge that start-up to the first size's latency.
     */
    static final long FIRST_RUN_WARMUP_NANOS = 1_000_000_000L;

    /** The runs of one channel, in order: per size, the fixed-rate run then the full-speed run. */
    List<RunPlan> plans() {
        List<RunPlan> plans = new ArrayList<>();
        for (int size : sizes) {
            if (fixedRate) {
                plans.add(new RunPlan(plans.size(), size, offeredRate(size), warmup(plans), durationNanos));
            }
            if (fullSpeed) {
                plans.add(new RunPlan(plans.size(), size, 0, warmup(plans), durationNanos));
            }
        }
        return plans;
    }

    private long warmup(List<RunPlan> plansSoFar) {
        return plansSoFar.isEmpty() ? Math.max(warmupNanos, FIRST_RUN_WARMUP_NANOS) : warmupNanos;
    }
}
