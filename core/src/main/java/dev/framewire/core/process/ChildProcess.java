package dev.framewire.core.process;

import dev.framewire.core.internal.BatchSpawner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running child JVM (one generation of one replica) and the coordinator's ends of its two channels.
 *
 * <p>Used by the replica's one coordinator thread, except {@link #kill()}, which any thread may call.
 */
final class ChildProcess {
    private final ChildSpec spec;
    private final int generation;
    private final Process process;
    private ChannelWriter orders;
    private ChannelReader results;
    private final Path log;
    private final long startNanos;
    private final ChildJvm.Launch launch;
    private long startupNanos = -1;
    /** Whether the end of the orders was appended; guarded by this. */
    private boolean endRequested;
    /** The JVM when it is kept between runs by a warm engine's pool, else null. */
    private final ChildPool.KeptJvm kept;

    private ChildProcess(ChildSpec spec, int generation, Process process, Path log, long startNanos,
                         ChildJvm.Launch launch) {
        this(spec, generation, process, log, startNanos, launch, null);
    }

    private ChildProcess(ChildSpec spec, int generation, Process process, Path log, long startNanos,
                         ChildJvm.Launch launch, ChildPool.KeptJvm kept) {
        this.kept = kept;
        this.launch = launch;
        this.spec = spec;
        this.generation = generation;
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    /**
     * The spec of generation {@code generation}: fresh channels, so a restarted child never sees old orders (a
     * restarted child is a new JVM, and a kept JVM's channels are its own).
     *
     * @param keptChannels where a kept JVM's channels are, relative to the run directory; null: in the run directory
     */
    static ChildSpec specFor(ChildSpec base, int generation, String keptChannels) {
        String id = base.node() + "-" + base.replica() + "-g" + generation;
        return new ChildSpec(base.node(), base.replica(), base.slot(), base.slots(), base.shipped(),
                "orders-" + id, "results-" + id, base.arena(), base.arenaSlotBytes(), base.arenaSlots(),
                base.keepRunDirectory(), keptChannels);
    }

    /**
     * Starts a child JVM; {@link #openChannels} must follow, and it is not ready before {@link #awaitReady} returns.
     * The JVM boots while the coordinator opens the channels (Chronicle Queue's own start-up is the slow part of
     * that): the child waits for the coordinator's word in the status table before it opens its ends.
     */
    static ChildProcess launch(RunDirectory run, ChildStatusTable table, ChildSpec base, int generation,
                               ChildJvm.Launch launch) {
        ChildSpec spec = specFor(base, generation, null);
        String specFile = writeSpec(run, table, spec, generation);
        Path log = run.path().resolve("child-" + childId(spec, generation) + ".log");
        try {
            ProcessBuilder builder = JvmLauncher.processBuilder(JvmLauncher.command(launch, run, specFile,
                    childId(spec, generation)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put(ChildMain.TOKEN_ENV, run.token());
            long start = System.nanoTime();
            Process process = BatchSpawner.start(builder);
            return new ChildProcess(spec, generation, process, log, start, launch);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new ProcessEngineException("cannot launch a child for node '" + spec.node() + "': " + e, e);
        }
    }

    /** How a child's files in the run directory are named: node, replica and generation. */
    private static String childId(ChildSpec spec, int generation) {
        return RunDirectory.sanitize(spec.node()) + "-" + spec.replica() + "-g" + generation;
    }

    /**
     * Writes {@code spec} into the run directory for its child to read, and clears the child's slot in the status
     * table. @return the spec file's name
     */
    private static String writeSpec(RunDirectory run, ChildStatusTable table, ChildSpec spec, int generation) {
        String specFile = "spec-" + childId(spec, generation) + ".bin";
        try {
            Files.write(run.path().resolve(specFile), spec.toBytes());
        } catch (IOException e) {
            throw new ProcessEngineException("cannot write the spec of a child for node '" + spec.node() + "': " + e, e);
        }
        table.reset(spec.slot());
        return specFile;
    }

    /**
     * Gives a kept JVM (see {@link ChildPool}) the spec of generation {@code generation} of {@code base}, in run
     * directory {@code run} (a subdirectory of the JVM's engine directory); {@link #openChannels} and
     * {@link #awaitReady} follow as after {@link #launch}.
     *
     * @return null if the JVM is gone (its standard input is closed): nothing was assigned
     */
    static ChildProcess assign(ChildPool.KeptJvm jvm, RunDirectory run, ChildStatusTable table, ChildSpec base,
                               int generation) {
        ChildSpec spec = specFor(base, generation, run.path().relativize(jvm.channels()).toString());
        String specFile = writeSpec(run, table, spec, generation);
        long start = System.nanoTime();
        if (!jvm.send(ChildMain.RUN_COMMAND + " " + run.path().getFileName() + " " + specFile)) {
            return null;
        }
        return new ChildProcess(spec, generation, jvm.process(), jvm.log(), start, jvm.launch(), jvm);
    }

    /** Whether this child runs in a kept JVM whose channels stayed open from its last run: opening them is instant. */
    boolean hasKeptChannels() {
        return kept != null && kept.hasChannels();
    }

    /** Whether {@link #openChannels} was done. */
    boolean channelsOpen() {
        return orders != null;
    }

    /** The kept JVM this child runs in, or null for a child of one run. */
    ChildPool.KeptJvm kept() {
        return kept;
    }

    /**
     * Waits up to {@code grace} for a kept child to finish the run after {@link #requestEnd()} (it waits for its next
     * run, its channels open), killing it otherwise. The coordinator's channel ends go to the kept JVM if it is idle
     * and closed otherwise.
     *
     * @return whether the child is alive and idle, so it may run again
     */
    boolean awaitIdle(ChildStatusTable table, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        HandshakeWait wait = HandshakeWait.coordinator();
        boolean idle = false;
        try {
            while (true) {
                if (table.pid(spec.slot()) == process.pid() && table.state(spec.slot()) == ChildStatusTable.State.DONE) {
                    idle = process.isAlive() && keepChannels();
                    if (!idle) {
                        kill();
                    }
                    return idle;
                }
                if (!process.isAlive()) {
                    return false;
                }
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    kill();
                    return false;
                }
                wait.idle();
            }
        } finally {
            if (!idle) {
                closeChannels();
            }
        }
    }

    /**
     * Gives the coordinator's channel ends to the kept JVM for its next run, unless an outcome is left unread there
     * (the next run would take it for one of its own). @return whether they were kept
     */
    private boolean keepChannels() {
        if (orders == null || results == null) {
            return false;
        }
        if (results.poll(unread -> { })) {
            return false;
        }
        kept.keepChannels(orders, results);
        orders = null;
        results = null;
        return true;
    }

    /**
     * Opens the coordinator's ends of the child's channels (creating their queues, or taking those a kept JVM kept from
     * its last run), then tells the child it may open its own.
     *
     * @throws ProcessEngineException if a channel cannot be opened (the child is killed)
     */
    void openChannels(RunDirectory run, ChildStatusTable table) {
        try {
            ChildPool.CoordinatorEnds keptEnds = kept != null ? kept.takeChannels() : null;
            if (keptEnds != null) {
                orders = keptEnds.orders();
                results = keptEnds.results();
                orders.reuseFor(spec.orders(), spec.registry());
                results.reuseFor(spec.results(), spec.registry());
            } else {
                orders = ChannelWriter.open(spec.orders(), spec.ordersChannel(run), ChildSpec.SMALL_CHANNEL_MESSAGE,
                        spec.registry());
                results = ChannelReader.open(spec.results(), spec.resultsChannel(run), spec.resultsChannelMessage(),
                        spec.registry(), false);
            }
            table.channelsOpen(spec.slot());
        } catch (RuntimeException e) {
            kill();
            closeChannels();
            throw new ProcessEngineException("cannot open the channels of a child for node '" + spec.node() + "': "
                    + e, e);
        }
    }

    /**
     * Waits until the child announced itself ready.
     *
     * @throws ProcessEngineException with the child's exit status and the end of its log if it died first or took
     *                                longer than {@code timeout}
     */
    void awaitReady(ChildStatusTable table, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HandshakeWait wait = HandshakeWait.coordinator();
        while (true) {
            if (table.state(spec.slot()) != ChildStatusTable.State.STARTING && table.pid(spec.slot()) == process.pid()) {
                startupNanos = System.nanoTime() - startNanos;
                return;
            }
            if (!process.isAlive()) {
                throw new ProcessEngineException("child JVM for node '" + spec.node() + "' (replica " + spec.replica()
                        + ") failed to start: it " + Signals.describe(exitStatus()) + describeLog());
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new ProcessEngineException("child JVM for node '" + spec.node() + "' (replica " + spec.replica()
                        + ") did not start within " + timeout.toMillis() + " ms" + describeLog());
            }
            wait.idle();
        }
    }

    ChildSpec spec() {
        return spec;
    }

    int generation() {
        return generation;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    ChannelWriter orders() {
        return orders;
    }

    ChannelReader results() {
        return results;
    }

    /** Nanoseconds from launch to ready, or -1 if it never became ready. */
    long startupNanos() {
        return startupNanos;
    }

    /** Waits for the process to be gone and returns its exit status. */
    int exitStatus() {
        return exitStatus(process);
    }

    /** Waits for {@code process} to be gone and returns its exit status, keeping an interrupt for the caller. */
    static int exitStatus(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // the process is already dead or being killed; keep the caller's interrupt for later
                Thread.currentThread().interrupt();
                try {
                    if (process.waitFor(1, TimeUnit.SECONDS)) {
                        return process.exitValue();
                    }
                } catch (InterruptedException again) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Why the child died, for an error outcome: its exit status or signal, and what the JVM crash report says. */
    String describeDeath() {
        int status = exitStatus();
        ChildJvm.finish(launch, false);
        return "child process " + process.pid() + " of node '" + spec.node() + "' " + Signals.describe(status)
                + crashReport();
    }

    private String crashReport() {
        Path report = log.getParent().resolve("hs_err_pid" + process.pid() + ".log");
        if (!Files.exists(report)) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(report, StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("#  SIG") || line.startsWith("#  Internal Error")) {
                    return "; JVM crash: " + line.substring(3).trim() + " (report " + report + ")";
                }
            }
        } catch (IOException e) {
            return "; JVM crash report " + report + " unreadable: " + e.getMessage();
        }
        return "; JVM crash report " + report;
    }

    /** The last lines the child printed, to explain a failed start. */
    String describeLog() {
        return describeLog(log);
    }

    /** The last lines of a child's {@code log}, as a clause of an error message ("" when it printed nothing). */
    static String describeLog(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 12), lines.size()));
            tail.removeIf(String::isBlank);
            // the child's own reason, which a long stack trace pushes out of the tail
            String reason = "";
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(ChildMain.CANNOT_START)) {
                    reason = "; it said: " + lines.get(i).substring(ChildMain.CANNOT_START.length());
                    break;
                }
            }
            return reason + (tail.isEmpty() ? "" : "; its output ends with: " + String.join(" | ", tail));
        } catch (IOException | UncheckedIOException e) {
            return "; its log " + log + " is unreadable: " + e.getMessage();
        }
    }

    /**
     * Asks the child to finish: the end of its orders, appended once (a kept child's next run follows it in the same
     * queue). It exits, or a kept one waits for its next run, once it has read them.
     */
    synchronized void requestEnd() {
        if (!endRequested && process.isAlive() && orders != null) {
            orders.appendEnd(0);
            endRequested = true;
        }
    }

    /** Whether {@link #requestEnd()} appended the end of the orders. */
    synchronized boolean endRequested() {
        return endRequested;
    }

    /** Waits up to {@code grace} for the child to exit after {@link #requestEnd()}, then kills it; closes channels. */
    void awaitEnd(Duration grace) {
        try {
            if (!process.waitFor(launch.exitGraceMillis(grace), TimeUnit.MILLISECONDS)) {
                kill();
            } else {
                ChildJvm.finish(launch, process.exitValue() == 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } finally {
            closeChannels();
        }
    }

    /** Kills the child with SIGKILL and waits until it is gone. Any thread may call it. */
    void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        ChildJvm.finish(launch, false);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the coordinator's channel ends; a kept JVM's channels are then removed too (it never runs again). */
    void closeChannels() {
        if (orders != null) {
            orders.close();
        }
        if (results != null) {
            results.close();
        }
        if (kept != null) {
            kept.discardChannels();
        }
    }

    @Override
    public String toString() {
        return "child " + process.pid() + " of " + spec.node() + "#" + spec.replica() + " (generation " + generation + ")";
    }
}
