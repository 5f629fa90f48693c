package dev.framewire.core.process;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * What the process engine adds to a {@code RunReport} (under {@link #KEY} in its extensions): per channel, the items
 * and bytes moved and latency percentiles; the frames copied into the payload arena; per node, children's start-up
 * time, time waiting for items, restarts, and every child death.
 *
 * @param channels      one line per channel end the coordinator held (orders: append latency; results: one-way
 *                      latency from the child's append to the coordinator's read)
 * @param arenaCopies   frames (large items) copied into the payload arena
 * @param arenaReuses   times a broadcast sibling found its frame already copied
 * @param arenaBytes    bytes copied into the arena
 * @param startupMillis per node, children's start-up time (launch to ready), summed over replicas and restarts
 * @param waitMillis    per node, time children waited for items, summed over replicas
 * @param restarts      per node, children restarted after dying
 * @param deaths        every child death, in order
 * @param runDirectory  the run directory, when it was kept
 * @param startupCpuMillis per node, CPU time children used until ready (JVM start, class loading), summed over
 *                      replicas and restarts
 * @param cpuMillis     per node, CPU time children used in all (start-up included, all their threads), as they last
 *                      published it (after each item), summed over replicas and restarts
 * @param arenaInPlace  frames children made straight into an arena slot granted with their item, which the coordinator
 *                      wrapped in place instead of copying them (their sends on to other children count among
 *                      {@code arenaReuses})
 */
public record ProcessReport(List<Channel> channels, long arenaCopies, long arenaReuses, long arenaBytes,
                            Map<String, Long> startupMillis, Map<String, Long> waitMillis,
                            Map<String, Integer> restarts, List<String> deaths, String runDirectory,
                            Map<String, Long> startupCpuMillis, Map<String, Long> cpuMillis, long arenaInPlace) {
    /** The key of this report in {@code RunReport.extensions()}. */
    public static final String KEY = "processes";

    /**
     * One channel end.
     *
     * @param name           channel name
     * @param items          messages
     * @param bytes          bytes including headers
     * @param p50Micros      median latency
     * @param p99Micros      99th percentile
     * @param p999Micros     99.9th percentile
     * @param latencyNanos   the full histogram
     */
    public record Channel(String name, long items, long bytes, double p50Micros, double p99Micros, double p999Micros,
                          Histogram latencyNanos) {
        static Channel of(ChannelStats s) {
            Histogram h = s.latencyNanos().copy();
            return new Channel(s.channel(), s.items(), s.bytes(), h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h);
        }

        @Override
        public String toString() {
            return String.format("%s: %d items, %d bytes, latency p50 %.1f us, p99 %.1f us, p99.9 %.1f us",
                    name, items, bytes, p50Micros, p99Micros, p999Micros);
        }
    }

    static ProcessReport of(ProcessRun run) {
        Map<String, Long> startup = new java.util.LinkedHashMap<>();
        run.startupNanos().forEach((k, v) -> startup.put(k, v / 1_000_000));
        Map<String, Long> wait = new java.util.LinkedHashMap<>();
        run.waitNanos().forEach((k, v) -> wait.put(k, v / 1_000_000));
        Map<String, Long> startupCpu = new java.util.LinkedHashMap<>();
        run.startupCpuNanos().forEach((k, v) -> startupCpu.put(k, v / 1_000_000));
        Map<String, Long> cpu = new java.util.LinkedHashMap<>();
        run.cpuNanos().forEach((k, v) -> cpu.put(k, v / 1_000_000));
        return new ProcessReport(run.channelStats().stream().map(Channel::of).toList(),
                run.payloads().copies(), run.payloads().reuses(), run.payloads().bytes(), startup, wait, run.restarts(),
                run.deaths(), run.options().keepRunDirectory() ? run.directory().toString() : null, startupCpu, cpu,
                run.payloads().adopted());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("arena: ").append(arenaCopies).append(" copies (").append(arenaBytes).append(" bytes), ")
                .append(arenaReuses).append(" shared without a copy, ").append(arenaInPlace)
                .append(" made in place by children; start-up ms ").append(startupMillis)
                .append(", wait ms ").append(waitMillis).append(", restarts ").append(restarts)
                .append("\n    children's CPU ms: start-up ").append(startupCpuMillis).append(", total ").append(cpuMillis);
        for (Channel c : channels) {
            b.append("\n    ").append(c);
        }
        for (String d : deaths) {
            b.append("\n    died: ").append(d);
        }
        if (runDirectory != null) {
            b.append("\n    run directory kept: ").append(runDirectory);
        }
        return b.toString();
    }
}
