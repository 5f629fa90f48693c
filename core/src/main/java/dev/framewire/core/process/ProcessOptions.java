package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the process engine runs a network. Immutable (thread-safe); each {@code with...} returns a copy.
 *
 * @param runDirectoryParent where the private run directory is created; {@code null} (the default) chooses when the
 *                           run starts, for the arena these options give: tmpfs ({@code /dev/shm}) when it has room
 *                           for it, see {@link RunDirectory#defaultParent(long)}; a disk-backed
 *                           parent works too, at the cost of the kernel's write-back of the shared pages (a
 *                           periodic page fault on every arena page rewritten, and disk I/O)
 * @param keepRunDirectory   leave the run directory (queues, logs, crash reports) in place after the run; a directory
 *                           kept on {@code /dev/shm} does not survive a reboot
 * @param jvmOptions         options for child JVMs; {@code null} means the coordinator's own (its
 *                           {@code RuntimeMXBean} input arguments), whatever launched it
 * @param maxRestarts        how many times one node's children may be restarted after dying before the run fails
 * @param startupTimeout     how long a child may take to become ready
 * @param largestPayload     the largest frame expected, in bytes: the size of a payload arena slot (a larger frame
 *                           still works, inline through the queue, at the cost of fresh pages)
 * @param arenaSlots         frames in flight at most (copied into the arena and not yet computed by every child)
 * @param codecs             codecs of the items crossing process boundaries: register codecs for your own types
 *                           there (records and enums need none)
 * @param resumeFrom         the kept run directory of an interrupted run of the same network over the same inputs,
 *                           or null: items it delivered to every sink are neither computed nor delivered again
 * @param childJvmFlags      flags added to every child JVM after its options (inherited or {@code jvmOptions}), to
 *                           tune children for short lives on few cores; a flag whose setting the options already
 *                           decide (a garbage collector, the JIT tiers) is left out. Empty for none; null (the
 *                           default) for the engine's own: {@link #STARTUP_TUNED_FLAGS}, or {@link #WARM_TUNED_FLAGS}
 *                           in a warm engine ({@link #effectiveChildJvmFlags()})
 * @param childClassArchive  give each node's children a class-data-sharing archive of the classes they load, made
 *                           by the node's first child of the first run (in a private directory under
 *                           {@code java.io.tmpdir}) and mapped by every later child, replacing any archive in the
 *                           inherited options: it cuts a child JVM's class loading, the bulk of its start-up
 */
public record ProcessOptions(Path runDirectoryParent, boolean keepRunDirectory, List<String> jvmOptions,
                             int maxRestarts, Duration startupTimeout, long largestPayload, int arenaSlots,
                             CodecRegistry codecs, Path resumeFrom, List<String> childJvmFlags,
                             boolean childClassArchive) {

    /**
     * The default {@link #childJvmFlags}: the client compiler only (a child's hot loops are usually native kernels;
     * C2 compiling Chronicle Queue's start-up paths cost a child a third of its CPU) and the serial collector (a
     * child keeps its frames off the heap). A node whose own Java loops are the heavy work should run with
     * {@code withChildJvmFlags(List.of())} and compare.
     */
    public static final List<String> STARTUP_TUNED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * The default {@link #childJvmFlags} of a {@link ProcessEngine#warm warm engine}'s children:
     * {@link #STARTUP_TUNED_FLAGS}, and compile thresholds at a twentieth. A kept child runs the code it runs once per
     * item (its channel reads and writes, codecs, the node's own Java) for thousands of items; at the default
     * thresholds it interprets that code for its first couple of hundred items, which made the warm engine's steady
     * state arrive only after minutes. Compiling earlier costs the first run about half a second (more of the
     * start-up code gets compiled), once per engine; a one-run child (a cold engine, the command line) keeps the
     * default thresholds, for which that start-up is the whole life.
     */
    public static final List<String> WARM_TUNED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:CompileThresholdScaling=0.05");

    public ProcessOptions {
        childJvmFlags = childJvmFlags == null ? null : List.copyOf(childJvmFlags);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(codecs, "codecs");
        jvmOptions = jvmOptions == null ? null : List.copyOf(jvmOptions);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
        }
        if (largestPayload < 1) {
            throw new IllegalArgumentException("largestPayload must be positive, got " + largestPayload);
        }
        if (arenaSlots < 1 || PayloadArena.slotBytesFor(largestPayload) * arenaSlots > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a payload arena of " + arenaSlots + " slots of " + largestPayload
                    + " bytes must have at least one slot and fit in 2 GB");
        }
    }

    /**
     * Defaults: run directory chosen when the run starts ({@link #resolvedRunDirectoryParent()}: /dev/shm when it has
     * room for the arena, else the system temporary directory, with a logged reason), removed at the end; the coordinator's JVM options; 3 restarts per node; arena slots of 40 MB
     * (a 4000x3000 BGR frame is 36 MB), 12 of them (a broadcast to 3 nodes, 4 frames deep); children tuned for
     * start-up ({@link #STARTUP_TUNED_FLAGS}, or {@link #WARM_TUNED_FLAGS} in a warm engine; a class archive per
     * node).
     */
    public static ProcessOptions defaults() {
        return new ProcessOptions(null, false, null, 3, Duration.ofSeconds(60), 40L << 20, 12,
                CodecRegistry.withDefaults(), null, null, true);
    }

    /** Bytes of the payload arena these options give a run (its slots, each rounded up to whole pages). */
    public long arenaBytes() {
        return PayloadArena.slotBytesFor(largestPayload) * arenaSlots;
    }

    /**
     * Where this run's directory goes: {@link #runDirectoryParent} when given, else tmpfs ({@code /dev/shm}) when it
     * exists, is writable and has room for {@link #arenaBytes()} plus headroom, else the system temporary directory
     * (logging why). Decided when a run starts, so enlarging the arena with {@link #withLargestPayload} or
     * {@link #withArenaSlots} is taken into account.
     */
    public Path resolvedRunDirectoryParent() {
        return runDirectoryParent != null ? runDirectoryParent : RunDirectory.defaultParent(arenaBytes());
    }

    /**
     * These options for a warm engine's children: unless the caller chose child flags (even the start-up ones), they
     * are {@link #WARM_TUNED_FLAGS}.
     */
    ProcessOptions forKeptChildren() {
        return childJvmFlags == null ? withChildJvmFlags(WARM_TUNED_FLAGS) : this;
    }

    /** The flags added to child JVMs: those chosen, else {@link #STARTUP_TUNED_FLAGS}. */
    public List<String> effectiveChildJvmFlags() {
        return childJvmFlags != null ? childJvmFlags : STARTUP_TUNED_FLAGS;
    }

    /**
     * Replaces the flags added to child JVMs ({@link #STARTUP_TUNED_FLAGS} by default, {@link #WARM_TUNED_FLAGS} in a
     * warm engine; empty for none; null for the engine's default again).
     */
    public ProcessOptions withChildJvmFlags(List<String> flags) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout,
                largestPayload, arenaSlots, codecs, resumeFrom, flags, childClassArchive);
    }

    /** Whether children use a class-data-sharing archive per node (on by default). */
    public ProcessOptions withChildClassArchive(boolean archive) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout,
                largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, archive);
    }

    public ProcessOptions withRunDirectoryParent(Path parent) {
        return new ProcessOptions(parent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withKeepRunDirectory(boolean keep) {
        return new ProcessOptions(runDirectoryParent, keep, jvmOptions, maxRestarts, startupTimeout, largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    /** Replaces the inherited JVM options of children (the Chronicle Queue flags are always added). */
    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, options, maxRestarts, startupTimeout, largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withMaxRestarts(int restarts) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, restarts, startupTimeout, largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withStartupTimeout(Duration timeout) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, timeout, largestPayload, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withLargestPayload(long bytes) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, bytes, arenaSlots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withCodecs(CodecRegistry registry) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, largestPayload, arenaSlots, registry, resumeFrom, childJvmFlags, childClassArchive);
    }

    /**
     * Resumes the interrupted run whose directory was kept ({@link #withKeepRunDirectory}) at {@code runDirectory},
     * keeping it again. Needs sequence numbers that are source indexes at transforms and sinks (no stream
     * transform or MergeAny in the network).
     */
    public ProcessOptions withResumeFrom(Path runDirectory) {
        return new ProcessOptions(runDirectoryParent, true, jvmOptions, maxRestarts, startupTimeout, largestPayload,
                arenaSlots, codecs, runDirectory, childJvmFlags, childClassArchive);
    }

    public ProcessOptions withArenaSlots(int slots) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, largestPayload, slots, codecs, resumeFrom, childJvmFlags, childClassArchive);
    }
}
