package dev.framewire.core.process;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.network.Network;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Runs a network with its transforms in child JVMs: the thread engine's coordinator (sources, channels, broadcast,
 * merges, splits, sinks, ordering, error outcomes, fail-fast, timeouts) with each plain transform and its replicas
 * computed by children started with this JVM's java binary, class path and JVM options, exchanging items over
 * memory-mapped Chronicle Queues in a private run directory (frames through a recycled payload arena, read in place;
 * a frame a child makes is written into an arena slot granted with its item, when one is free, and handed on to other
 * children from there: one copy of its pixels between processes).
 *
 * <p>Failure model: an exception in a node fails its item; a child that dies (exit, signal, JVM crash) fails the
 * item it held, is restarted and goes on from the next one; after {@link ProcessOptions#maxRestarts()} deaths of one
 * node the run fails; a child that cannot start fails the run at once with its own words; on timeout every child is
 * killed before {@code run} throws; children exit by themselves if the coordinator dies.
 *
 * <p><b>Cold or warm.</b> An engine made with a constructor is cold: stateless and thread-safe, each run starts its
 * own children and run directory, and nothing of the run is left when {@code run} returns ({@link #close()} does
 * nothing). An engine made with {@link #warm} keeps its children between runs; see there.
 */
public final class ProcessEngine implements Engine, AutoCloseable {
    private final ProcessOptions options;
    /** A warm engine's children, directory and arena; null for a cold engine. */
    private final ChildPool pool;

    /** A cold engine with default options and codecs. */
    public ProcessEngine() {
        this(ProcessOptions.defaults());
    }

    /** A cold engine: every run starts its own children, gone when it returns. */
    public ProcessEngine(ProcessOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.pool = null;
    }

    private ProcessEngine(ProcessOptions options, ChildPool pool) {
        this.options = options;
        this.pool = pool;
    }

    /**
     * An engine that keeps its child JVMs between runs, so that the second and later runs pay no JVM start-up. The
     * caller owns it and must {@link #close()} it (try-with-resources).
     *
     * <p>Guarantees:
     * <ul>
     *   <li><b>Same outcomes.</b> A run gives exactly what a cold engine's run gives, with the same failure model.
     *       Node functions are shipped to the children at the start of every run, so a run computes the network it
     *       was given, whatever ran before: another network, or a rebuilt one with other functions.</li>
     *   <li><b>Ownership.</b> The engine owns its idle children, a private directory (mode 0700, under
     *       {@link ProcessOptions#resolvedRunDirectoryParent()}) and the payload arena in it; a run owns the children
     *       it took while it runs. After {@link #close()} no child of the engine is alive and the directory is
     *       gone. Runs after {@code close} throw {@link IllegalStateException}.</li>
     *   <li><b>What is reused.</b> A child that finished a run normally (it read the end of its orders within 5 s,
     *       and left no outcome unread) waits, blocked, for the next run, with its two channels open at both ends: the
     *       next run's orders and outcomes follow the last run's in the same queues. A child that died, whether in a run or while
     *       idle, or whose launch no longer matches (the java binary, the class path as it is on disk, the JVM options
     *       and flags) is replaced by a new JVM at the next run's start, which is not counted as a restart.</li>
     *   <li><b>Failed runs.</b> A run that throws (timeout, fail-fast, too many restarts, a child that cannot start,
     *       interruption) ends every child it took (killing those still busy) and frees every arena slot: the next
     *       run starts from a clean engine, with new children.</li>
     *   <li><b>Coordinator death.</b> Children exit by themselves within 5 s if the coordinator dies, idle or
     *       busy, and remove the engine's directory.</li>
     *   <li><b>One run at a time.</b> Runs share the arena: a second run on the same engine waits for the first.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if {@code options} keep the run directory or resume a run: those need a run
     *                                  directory of their own (use a cold engine)
     */
    public static ProcessEngine warm(ProcessOptions options) {
        ProcessOptions kept = check(options).forKeptChildren();
        return new ProcessEngine(kept, new ChildPool(kept));
    }

    /** As {@link #warm(ProcessOptions)} with a pool made by the caller (its options launch the children), for tests. */
    static ProcessEngine warm(ProcessOptions options, ChildPool pool) {
        return new ProcessEngine(check(options), pool);
    }

    private static ProcessOptions check(ProcessOptions options) {
        Objects.requireNonNull(options, "options");
        if (options.keepRunDirectory() || options.resumeFrom() != null) {
            throw new IllegalArgumentException("a warm process engine cannot keep or resume a run directory: its runs "
                    + "share one directory; use new ProcessEngine(options) for that run");
        }
        return options;
    }

    /** Whether this engine keeps its children between runs ({@link #warm}). */
    public boolean isWarm() {
        return pool != null;
    }

    /** Pids of the children a warm engine keeps idle now (empty for a cold engine): for tests and diagnostics. */
    public List<Long> idleChildPids() {
        return pool == null ? List.of() : pool.idlePids();
    }

    /** How many child JVMs a warm engine has started so far (0 for a cold engine). */
    public long childrenStarted() {
        return pool == null ? 0 : pool.launched();
    }

    /** A warm engine's directory, or null (a cold engine, or before the first run). */
    Path directory() {
        return pool == null ? null : pool.directory();
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public RunReport run(Network network, RunOptions runOptions) {
        if (pool == null) {
            return new ThreadEngine(name(), () -> new ProcessExecutor(options, options.codecs())).run(network, runOptions);
        }
        pool.runLock().lock();
        try {
            pool.ensureOpen(); // before any thread of the run starts
            return new ThreadEngine(name(), () -> new ProcessExecutor(options, options.codecs(), pool))
                    .run(network, runOptions);
        } catch (RuntimeException | Error e) {
            // whatever stopped the run, no child of it is kept
            pool.discardIdle();
            throw e;
        } finally {
            pool.runLock().unlock();
        }
    }

    /**
     * A warm engine waits for a run in progress to end, then ends its idle children (waiting up to 5 s each, then
     * killing them) and removes its directory; a cold engine has nothing to close. Idempotent.
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.runLock().lock();
            try {
                pool.close();
            } finally {
                pool.runLock().unlock();
            }
        }
    }
}
