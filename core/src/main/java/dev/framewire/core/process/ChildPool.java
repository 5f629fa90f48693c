package dev.framewire.core.process;

import dev.framewire.core.internal.BatchSpawner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The child JVMs, engine directory and payload arena a {@link ProcessEngine#warm warm engine} keeps between runs.
 *
 * <p><b>Ownership.</b> The pool owns its idle JVMs, its engine directory (private, mode 0700, with its own token)
 * and the arena file in it. A run takes JVMs out ({@link #child}), owns them while it runs, and gives back
 * ({@link #giveBack}) only those that finished the run normally and are idle; a JVM the run killed or lost never
 * returns. {@link #close} ends every idle JVM (a normal exit, so a JVM that writes its node's class archive at exit
 * does), kills those that do not exit within 5 s, and removes the directory; a JVM given back after that is ended at
 * once.
 *
 * <p><b>Matching.</b> A JVM is reused only if it is alive and was started with the launch the engine's options give
 * now ({@link ChildJvm#fingerprint}: java binary, class path as it is on disk, options and flags); one that died
 * while idle, or was started for another build, is ended and replaced by a new one. Among matching JVMs one that ran
 * the same node and replica is preferred (its JIT profile and class archive fit), then any.
 *
 * <p><b>One run at a time.</b> Runs share the arena, so {@link #runLock()} serializes them.
 *
 * <p>Each JVM has its own directory of channels in the engine directory ({@code channels-<n>}): its orders and its
 * outcomes. Both ends stay open from run to run (the coordinator's in {@link KeptJvm} while the JVM is idle, the
 * JVM's in its own loop), so a run on kept JVMs creates and opens no queue; they are closed and their directory
 * removed when the JVM ends or is killed. Each run gets a fresh subdirectory of the engine directory for its status
 * table and specs, removed when the run ends. If the coordinator dies, every JVM sees the end of its standard input
 * and exits (removing the engine directory), idle or not.
 *
 * <p>Thread-safe.
 */
final class ChildPool implements AutoCloseable {
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private final ProcessOptions options;
    private final Supplier<String> fingerprint;
    private final ReentrantLock runLock = new ReentrantLock();
    private final List<KeptJvm> idle = new ArrayList<>();
    private RunDirectory home;
    private PayloadArena arena;
    private int runs;
    private long launched;
    private boolean closed;

    ChildPool(ProcessOptions options) {
        this(options, () -> ChildJvm.fingerprint(options));
    }

    /** With another notion of a launch's identity: for tests that change it between runs. */
    ChildPool(ProcessOptions options, Supplier<String> fingerprint) {
        this.options = options;
        this.fingerprint = fingerprint;
    }

    /** The coordinator's ends of a kept JVM's channels: it writes the orders and reads the results. */
    record CoordinatorEnds(ChannelWriter orders, ChannelReader results) {
    }

    /** A JVM kept between runs. */
    static final class KeptJvm {
        private final Process process;
        private final Path log;
        private final ChildJvm.Launch launch;
        private final String fingerprint;
        private final OutputStream stdin;
        private final Path channels;
        private String node;
        private int replica;
        private boolean exitAsked;
        /** The coordinator's ends of the JVM's channels while it is idle (null before its first run ends). */
        private CoordinatorEnds ends;

        KeptJvm(Process process, Path log, ChildJvm.Launch launch, String fingerprint, String node, int replica,
                Path channels) {
            this.process = process;
            this.log = log;
            this.launch = launch;
            this.fingerprint = fingerprint;
            this.node = node;
            this.replica = replica;
            this.stdin = process.getOutputStream();
            this.channels = channels;
        }

        /** The directory of this JVM's channels, in the engine directory: they outlive its runs. */
        Path channels() {
            return channels;
        }

        /** Keeps the coordinator's ends of the channels of a run this JVM finished, for its next run. */
        synchronized void keepChannels(ChannelWriter orders, ChannelReader results) {
            ends = new CoordinatorEnds(orders, results);
        }

        /** Whether ends are kept: the JVM finished a run and its channels are open at both ends. */
        synchronized boolean hasChannels() {
            return ends != null;
        }

        /** The kept ends, handed to the run that takes this JVM; null before its first run ended. */
        synchronized CoordinatorEnds takeChannels() {
            CoordinatorEnds taken = ends;
            ends = null;
            return taken;
        }

        /** Closes the kept ends and removes the channels' queue files: nobody uses them any more. */
        void discardChannels() {
            CoordinatorEnds taken = takeChannels();
            if (taken != null) {
                taken.orders().close();
                taken.results().close();
            }
            RunDirectory.deleteTree(channels);
        }

        Process process() {
            return process;
        }

        Path log() {
            return log;
        }

        ChildJvm.Launch launch() {
            return launch;
        }

        long pid() {
            return process.pid();
        }

        /** Writes one command line to the JVM. @return false if it cannot hear it any more */
        synchronized boolean send(String command) {
            try {
                stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        /** Sends {@code exit} once. @return whether the JVM was told (now or before) */
        synchronized boolean askToExit() {
            if (!exitAsked) {
                exitAsked = send(ChildMain.EXIT_COMMAND);
            }
            return exitAsked;
        }

        /** Asks the JVM to exit normally and waits for it (killing it after {@code grace}, or at once if it is idle no more). */
        void end(Duration grace, boolean gracefully) {
            if (gracefully && askToExit()) {
                try {
                    stdin.close();
                } catch (IOException ignored) {
                    // it exits on the command already read
                }
                try {
                    if (process.waitFor(launch.exitGraceMillis(grace), TimeUnit.MILLISECONDS)) {
                        ChildJvm.finish(launch, process.exitValue() == 0);
                        discardChannels();
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ChildJvm.finish(launch, false);
            discardChannels();
        }
    }

    /** Held by a run from before its first child is taken until every child is given back or gone. */
    ReentrantLock runLock() {
        return runLock;
    }

    /**
     * The directory of a new run, inside the engine directory (created, with the arena, by the first run).
     *
     * @throws IllegalStateException if the pool is closed
     */
    synchronized RunDirectory newRunDirectory() {
        checkOpen();
        if (home == null) {
            home = RunDirectory.create(options.resolvedRunDirectoryParent());
        }
        return home.subdirectory("run-" + (++runs));
    }

    /**
     * The engine's payload arena, created by the first run; every slot is free (a run that stopped early left none
     * taken: its children are gone).
     */
    synchronized PayloadArena arena() {
        checkOpen();
        if (arena == null) {
            arena = PayloadArena.create(home.path().resolve(ProcessRun.ARENA),
                    PayloadArena.slotBytesFor(options.largestPayload()), options.arenaSlots());
        }
        arena.releaseAll();
        return arena;
    }

    /**
     * A child for generation {@code generation} of {@code base} in run directory {@code run}: an idle kept JVM that
     * matches, given the spec, or a new JVM. {@link ChildProcess#openChannels} and {@link ChildProcess#awaitReady}
     * follow.
     *
     * @param first whether this is the replica's first child of the run (a new JVM of replica 0 may then write its
     *              node's class archive, at exit)
     * @param current {@link #fingerprint()} as the run found it when it started
     */
    ChildProcess child(RunDirectory run, ChildStatusTable table, ChildSpec base, int generation, boolean first,
                       String current) {
        while (true) {
            KeptJvm jvm = take(base.node(), base.replica(), current);
            if (jvm == null) {
                break;
            }
            ChildProcess c = ChildProcess.assign(jvm, run, table, base, generation);
            if (c != null) {
                jvm.node = base.node();
                jvm.replica = base.replica();
                return c;
            }
            jvm.end(EXIT_GRACE, false);
        }
        KeptJvm jvm = launch(base.node(), base.replica(), current, first && base.replica() == 0);
        ChildProcess c = ChildProcess.assign(jvm, run, table, base, generation);
        if (c == null) {
            jvm.end(EXIT_GRACE, false);
            throw new ProcessEngineException("child JVM for node '" + base.node() + "' (replica " + base.replica()
                    + ") failed to start: it " + Signals.describe(ChildProcess.exitStatus(jvm.process()))
                    + ChildProcess.describeLog(jvm.log()));
        }
        return c;
    }

    /**
     * What a kept JVM must match to be reused: java binary, class path as it is on disk, options and flags. A run
     * takes it once, for all its children (it reads the JVM's arguments and stats every class path entry).
     */
    String fingerprint() {
        return fingerprint.get();
    }

    /** Takes a matching idle JVM (the same node and replica first), ending those that died or no longer match. */
    private KeptJvm take(String node, int replica, String current) {
        List<KeptJvm> stale = new ArrayList<>();
        KeptJvm found = null;
        synchronized (this) {
            checkOpen();
            for (Iterator<KeptJvm> it = idle.iterator(); it.hasNext(); ) {
                KeptJvm j = it.next();
                if (!j.process.isAlive() || !j.fingerprint.equals(current)) {
                    it.remove();
                    stale.add(j);
                }
            }
            for (KeptJvm j : idle) {
                if (j.node.equals(node) && j.replica == replica) {
                    found = j;
                    break;
                }
            }
            if (found == null && !idle.isEmpty()) {
                found = idle.get(0);
            }
            if (found != null) {
                idle.remove(found);
            }
        }
        for (KeptJvm j : stale) {
            j.end(EXIT_GRACE, j.process.isAlive());
        }
        return found;
    }

    private KeptJvm launch(String node, int replica, String current, boolean mayDump) {
        RunDirectory dir;
        long number;
        synchronized (this) {
            checkOpen();
            dir = home;
            number = ++launched;
        }
        ChildJvm.Launch launch = ChildJvm.plan(options, node, mayDump);
        Path log = dir.path().resolve("child-" + number + "-" + RunDirectory.sanitize(node) + ".log");
        try {
            ProcessBuilder builder = JvmLauncher.processBuilder(JvmLauncher.command(launch, dir, ChildMain.KEPT,
                    "kept-" + number + "-" + RunDirectory.sanitize(node)))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put(ChildMain.TOKEN_ENV, dir.token());
            return new KeptJvm(BatchSpawner.start(builder), log, launch, current, node, replica,
                    dir.path().resolve("channels-" + number));
        } catch (IOException | RuntimeException e) {
            ChildJvm.finish(launch, false);
            throw new ProcessEngineException("cannot launch a child for node '" + node + "': " + e, e);
        }
    }

    /** Takes back a JVM that finished a run and waits for the next; ends it if the pool is closed. */
    void giveBack(KeptJvm jvm) {
        synchronized (this) {
            if (!closed && jvm.process.isAlive()) {
                idle.add(jvm);
                return;
            }
        }
        jvm.end(EXIT_GRACE, true);
    }

    /** Ends every idle JVM (after a failed run: the next run starts from new ones). */
    void discardIdle() {
        List<KeptJvm> ending;
        synchronized (this) {
            ending = new ArrayList<>(idle);
            idle.clear();
        }
        endAll(ending);
    }

    /** Asks every JVM to exit at once, then waits for each (killing those that take longer than 5 s). */
    private static void endAll(List<KeptJvm> jvms) {
        for (KeptJvm j : jvms) {
            j.askToExit();
        }
        for (KeptJvm j : jvms) {
            j.end(EXIT_GRACE, true);
        }
    }

    /** Pids of the idle JVMs, for tests and diagnostics. */
    synchronized List<Long> idlePids() {
        return idle.stream().map(KeptJvm::pid).toList();
    }

    /** JVMs started so far. */
    synchronized long launched() {
        return launched;
    }

    /** The engine directory, or null before the first run. */
    synchronized Path directory() {
        return home == null ? null : home.path();
    }

    /** @throws IllegalStateException if the pool is closed */
    synchronized void ensureOpen() {
        checkOpen();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the process engine is closed");
        }
    }

    /** Ends every idle JVM (in parallel), then removes the engine directory. Idempotent. */
    @Override
    public void close() {
        List<KeptJvm> ending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ending = new ArrayList<>(idle);
            idle.clear();
        }
        endAll(ending);
        synchronized (this) {
            if (arena != null) {
                arena.close();
            }
            if (home != null) {
                home.delete();
            }
        }
    }
}
