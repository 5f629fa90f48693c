package dev.framewire.examples.ipc;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured run: a message size at a fixed offered rate or at full speed, for a fixed duration after a
 * warm-up. Sender and receiver (possibly in another JVM) both hold the same list of plans and go through it in
 * order.
 *
 * @param index         position in the sweep; names the run's files
 * @param messageBytes  total bytes per message (header and tail included)
 * @param ratePerSecond offered messages per second, or 0 for full speed
 * @param warmupNanos   time sending messages that are not recorded (JIT, page faults of a fresh queue)
 * @param durationNanos time sending recorded messages
 */
record RunPlan(int index, int messageBytes, double ratePerSecond, long warmupNanos, long durationNanos) {

    boolean fullSpeed() {
        return ratePerSecond <= 0;
    }

    String modeLabel() {
        return fullSpeed() ? "full speed" : "fixed rate";
    }

    String encode() {
        return index + ":" + messageBytes + ":" + ratePerSecond + ":" + warmupNanos + ":" + durationNanos;
    }

    static RunPlan decode(String text) {
        String[] f = text.split(":");
        if (f.length != 5) {
            throw new IllegalArgumentException("bad run plan '" + text + "'");
        }
        return new RunPlan(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                Long.parseLong(f[3]), Long.parseLong(f[4]));
    }

    static String encodeAll(List<RunPlan> plans) {
        return String.join(",", plans.stream().map(RunPlan::encode).toList());
    }

    static List<RunPlan> decodeAll(String text) {
        List<RunPlan> plans = new ArrayList<>();
        for (String one : text.split(",")) {
            plans.add(decode(one));
        }
        return plans;
    }
}
