package dev.framewire.examples.ipc;

import dev.framewire.core.process.RunDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code framewire ipc}: what does crossing a process boundary cost? Sweeps message sizes and channel kinds at a
 * fixed offered rate and at full speed, records one-way latency with HdrHistogram from the intended send time
 * (so coordinated omission is not hidden), and writes a table, .hgrm files and PNG charts.
 */
@Command(name = "ipc", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Profile one-way latency and throughput of framewire's channels: the handoff between two threads of one "
                        + "JVM (inJvm), framewire's Chronicle Queue channel between two JVMs with the message in the queue "
                        + "(chronicle, as small items travel) or in a recycled mapped arena slot (chronicleArena, as the "
                        + "process engine moves frames), and a Unix-domain socket between two JVMs as the OS baseline.",
                "",
                "Each channel and size runs twice: at a fixed offered rate, where latency is measured from the time each "
                        + "message was due (a stalled channel is charged for every message it delayed: coordinated omission "
                        + "corrected), and at full speed, where latency is measured from the actual send and throughput is "
                        + "the point. Cross-process receivers are real second JVMs started with this JVM's java and class path.",
                ""},
        footer = {"", "Writes into --out: ipc-table.md, <channel>-<size>-<mode>.hgrm (from intended send) and "
                + "-fromsend.hgrm (from actual send), latency-fixedrate.png and latency-fullspeed.png.",
                "Exit status: 0 measured; 1 a channel failed; 2 bad options."})
public final class IpcCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "BYTES",
            description = "Message sizes, header included; suffix K or M for KiB/MiB (default: ${DEFAULT-VALUE}; "
                    + "36000000 is one 4000x3000 RGB frame).",
            defaultValue = "64,4K,1M,36000000")
    List<String> sizes;

    @Option(names = "--channels", split = ",", paramLabel = "KIND",
            description = "Channels: inJvm, chronicle, chronicleArena, unixSocket (default: ${DEFAULT-VALUE}).",
            defaultValue = "inJvm,chronicle,chronicleArena,unixSocket")
    List<String> channels;

    @Option(names = "--rate", paramLabel = "MSG/S", defaultValue = "5000",
            description = "Offered messages per second in fixed-rate runs (default: ${DEFAULT-VALUE}), capped per size by --max-offered-mbps.")
    double rate;

    @Option(names = "--max-offered-mbps", paramLabel = "MB/S", defaultValue = "400",
            description = "Cap on offered bytes per second at fixed rate, so large messages get a rate a channel can "
                    + "sustain (default: ${DEFAULT-VALUE} MB/s: 36 MB messages at about 11/s).")
    double maxOfferedMbps;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0.5",
            description = "Recorded seconds per run (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0.3",
            description = "Unrecorded seconds at the start of each run (default: ${DEFAULT-VALUE}); the first run of each "
                    + "channel warms up at least 1 s, while its receiver JVM loads and compiles.")
    double warmupSeconds;

    @Option(names = "--modes", split = ",", paramLabel = "MODE", defaultValue = "fixed,full",
            description = "fixed (a fixed offered rate) and/or full (full speed) (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--wait", paramLabel = "busy|blocking", defaultValue = "blocking",
            description = "blocking: block in the kernel or park between polls; busy: spin (lowest latency on idle, "
                    + "dedicated cores; burns a core per side, and on a shared 2-core machine a descheduled spinner "
                    + "costs milliseconds) (default: ${DEFAULT-VALUE}).")
    String waitMode;

    @Option(names = "--pin",
            description = "Pin the sender thread to CPU 0 and the receiver thread to CPU 1 with taskset. Where taskset, "
                    + "/proc or a second CPU is missing, says so and runs unpinned.")
    boolean pin;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ipc-results",
            description = "Directory for the table, histograms and charts (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where queues, arenas and sockets live during the run (default: /dev/shm when it is "
                    + "there and writable, else the system temp directory; a disk-backed directory adds the kernel's "
                    + "write-back of the mapped pages to what is measured).")
    Path workDir;

    /** Runs the command standalone (framewire's main command also registers it as a subcommand). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new IpcCommand()).execute(args));
    }

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        quietChronicle();
        PrintWriter stdout = spec.commandLine().getOut();
        IpcSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int runs = settings.channels().size() * settings.plans().size();
        stdout.printf(Locale.ROOT, "framewire ipc: %d runs of %.1f s + %.1f s warm-up, wait %s%s; about %.0f s%n", runs,
                durationSeconds, warmupSeconds, settings.waitMode().label, pin ? ", pinned" : "",
                runs * (durationSeconds + warmupSeconds) + 3.0 * settings.channels().size());
        stdout.flush();
        List<IpcResult> results;
        try {
            results = new IpcSweep(settings, line -> {
                stdout.println("  " + line);
                stdout.flush();
            }).run();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("framewire ipc: " + e.getMessage());
            return 1;
        }
        stdout.println();
        stdout.print(IpcReport.table(results));
        List<Path> files = IpcReport.write(results, out);
        stdout.println();
        stdout.println("Latency in µs from the intended send time (fixed rate) or the actual send (full speed); "
                + "'p99 from send' ignores the schedule, as naive benchmarks do.");
        stdout.println("Wrote " + files.size() + " files into " + out.toAbsolutePath());
        stdout.flush();
        return 0;
    }

    /** Chronicle's banner and disk-space notices would drown the table; a user's explicit setting wins. */
    static void quietChronicle() {
        for (String property : IpcSweep.QUIET_CHRONICLE) {
            String[] kv = property.substring(2).split("=", 2);
            if (System.getProperty(kv[0]) == null) {
                System.setProperty(kv[0], kv[1]);
            }
        }
    }

    IpcSettings settings() {
        List<ChannelKind> kinds = new ArrayList<>();
        for (String c : channels) {
            kinds.add(ChannelKind.parse(c));
        }
        List<Integer> bytes = new ArrayList<>();
        for (String s : sizes) {
            bytes.add(parseSize(s));
        }
        boolean fixed = false;
        boolean full = false;
        for (String m : modes) {
            switch (m.trim().toLowerCase(Locale.ROOT)) {
                case "fixed" -> fixed = true;
                case "full" -> full = true;
                default -> throw new IllegalArgumentException("--modes '" + m + "': expected fixed or full");
            }
        }
        return new IpcSettings(kinds, bytes, rate, maxOfferedMbps * 1e6, fixed, full,
                (long) (warmupSeconds * 1e9), (long) (durationSeconds * 1e9), WaitMode.parse(waitMode), pin,
                workDir != null ? workDir : RunDirectory.defaultParent());
    }

    static int parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long multiplier = 1;
        if (t.endsWith("K")) {
            multiplier = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("M")) {
            multiplier = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            long value = Long.parseLong(t) * multiplier;
            if (value > Integer.MAX_VALUE / 4) {
                throw new IllegalArgumentException("--sizes " + text + ": at most " + Integer.MAX_VALUE / 4 + " bytes");
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sizes '" + text + "': not a size in bytes (e.g. 64, 4K, 1M)");
        }
    }
}
