package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The children of one process-engine run, their channels and their run directory, from start to clean-up.
 *
 * <p>{@link #start} checks that every node can cross the process boundary before launching anything, launches every
 * child at once (start-up overlaps) and waits until all are ready; {@link #close} ends them and removes the run
 * directory unless it is kept; {@link #kill} ends them at once (timeouts, failures). After either returns, no child
 * of the run is alive.
 *
 * <p>Thread-safe.
 */
public final class ProcessRun implements AutoCloseable {
    /** One node to run in child processes. */
    public record Deployment(String node, int replicas, NodeFunction function) {
        public Deployment {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(function, "function of node " + node);
            if (replicas < 1) {
                throw new IllegalArgumentException("node '" + node + "' needs at least one replica, got " + replicas);
            }
        }
    }

    static final String ARENA = "payloads.arena";
    /** Where a warm engine's arena is, from a run directory: in the engine directory, beside the runs' directories. */
    static final String POOLED_ARENA = "../" + ARENA;
    private static final Duration FINISH_GRACE = Duration.ofSeconds(5);

    private final ProcessOptions options;
    private final RunDirectory directory;
    private final ChildStatusTable statusTable;
    private final SharedPayloads payloads;
    private final Map<String, List<RemoteWorker>> workers = new LinkedHashMap<>();
    private final AtomicReference<ProcessEngineException> failure = new AtomicReference<>();
    private final List<String> deaths = Collections.synchronizedList(new ArrayList<>());
    private final List<ChannelStats> retired = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;
    private volatile boolean stopping;
    /** The warm engine's pool the children come from and go back to, or null: children of this run only. */
    private final ChildPool pool;
    /** The pool's fingerprint when this run started, or null without a pool. */
    private final String poolFingerprint;

    private ProcessRun(ProcessOptions options, RunDirectory directory, int slots, CodecRegistry registry,
                       ChildPool pool) {
        this.options = options;
        this.directory = directory;
        this.pool = pool;
        this.poolFingerprint = pool != null ? pool.fingerprint() : null;
        this.statusTable = ChildStatusTable.create(directory, slots);
        try {
            this.payloads = pool != null ? new SharedPayloads(pool.arena(), registry, false)
                    : new SharedPayloads(PayloadArena.create(directory.path().resolve(ARENA),
                    PayloadArena.slotBytesFor(options.largestPayload()), options.arenaSlots()), registry, true);
        } catch (RuntimeException e) {
            statusTable.close();
            throw e;
        }
    }

    /**
     * Starts the children of {@code deployments}.
     *
     * @throws IllegalArgumentException naming the node, if a node cannot cross the process boundary (nothing was
     *                                  started)
     * @throws ProcessEngineException   naming the node and quoting the child's output, if a child cannot start (every
     *                                  child already started is killed, the run directory removed unless kept)
     */
    public static ProcessRun start(ProcessOptions options, CodecRegistry registry, List<Deployment> deployments) {
        return start(options, registry, deployments, (RunDirectory) null);
    }

    /** As above, in {@code directory} (created by the caller, or reopened to resume) instead of a fresh one. */
    static ProcessRun start(ProcessOptions options, CodecRegistry registry, List<Deployment> deployments,
                            RunDirectory given) {
        return start(options, registry, deployments, given, null);
    }

    /**
     * As above, with children taken from {@code pool} (kept JVMs when they match, else new ones) and given back to it
     * by {@link #close} if they finished the run normally; the run's directory is a fresh subdirectory of the pool's
     * and the arena the pool's. The caller holds the pool's run lock.
     */
    static ProcessRun startPooled(ProcessOptions options, CodecRegistry registry, List<Deployment> deployments,
                                  ChildPool pool) {
        return start(options, registry, deployments, null, pool);
    }

    private static ProcessRun start(ProcessOptions options, CodecRegistry registry, List<Deployment> deployments,
                                    RunDirectory given, ChildPool pool) {
        int slots = deployments.stream().mapToInt(Deployment::replicas).sum();
        // refuse before creating anything: every spec must serialize
        List<ChildSpec> specs = new ArrayList<>();
        int slot = 0;
        for (Deployment d : deployments) {
            ShippedFunction shipped = new ShippedFunction(d.node(), d.function(), registry);
            shipped.bytes(); // the check, and the bytes every child of the node is sent
            for (int r = 0; r < d.replicas(); r++) {
                specs.add(new ChildSpec(d.node(), r, slot++, slots, shipped, null, null,
                        pool != null ? POOLED_ARENA : ARENA,
                        PayloadArena.slotBytesFor(options.largestPayload()), options.arenaSlots(),
                        options.keepRunDirectory(), null));
            }
        }
        RunDirectory directory = given != null ? given : pool != null ? pool.newRunDirectory()
                : RunDirectory.create(options.resolvedRunDirectoryParent());
        ProcessRun run;
        try {
            run = new ProcessRun(options, directory, Math.max(1, slots), registry, pool);
        } catch (RuntimeException e) {
            if (!options.keepRunDirectory()) {
                directory.delete();
            }
            throw e;
        }
        try {
            Map<String, AtomicInteger> nodeDeaths = new LinkedHashMap<>();
            for (ChildSpec spec : specs) {
                AtomicInteger counter = nodeDeaths.computeIfAbsent(spec.node(), n -> new AtomicInteger());
                RemoteWorker w = new RemoteWorker(run, spec, counter);
                run.workers.computeIfAbsent(spec.node(), n -> new ArrayList<>()).add(w);
            }
            // every JVM boots while the channels are created
            for (RemoteWorker w : run.allWorkers()) {
                w.launch();
            }
            for (RemoteWorker w : run.allWorkers()) {
                w.openChannels();
            }
            for (RemoteWorker w : run.allWorkers()) {
                w.awaitReady(options.startupTimeout());
            }
            return run;
        } catch (RuntimeException e) {
            run.kill();
            run.close();
            throw e;
        }
    }

    /**
     * A child for generation {@code generation} of {@code base}: a new JVM, or with a pool, a kept one when one
     * matches. {@link ChildProcess#openChannels} and {@link ChildProcess#awaitReady} complete its start.
     *
     * @param first whether it is the replica's first child in this run
     */
    ChildProcess child(ChildSpec base, int generation, boolean first) {
        if (pool != null) {
            return pool.child(directory, statusTable, base, generation, first, poolFingerprint);
        }
        return ChildProcess.launch(directory, statusTable, base, generation,
                ChildJvm.plan(options, base.node(), first && base.replica() == 0));
    }

    /** Whether children come from (and go back to) a warm engine's pool. */
    boolean pooled() {
        return pool != null;
    }

    /** Replica {@code replica} of {@code node}. */
    public RemoteWorker worker(String node, int replica) {
        List<RemoteWorker> list = workers.get(node);
        if (list == null || replica < 0 || replica >= list.size()) {
            throw new IllegalArgumentException("no replica " + replica + " of node '" + node + "' runs in a child");
        }
        return list.get(replica);
    }

    List<RemoteWorker> allWorkers() {
        List<RemoteWorker> all = new ArrayList<>();
        workers.values().forEach(all::addAll);
        return all;
    }

    public RunDirectory directory() {
        return directory;
    }

    ChildStatusTable statusTable() {
        return statusTable;
    }

    SharedPayloads payloads() {
        return payloads;
    }

    public ProcessOptions options() {
        return options;
    }

    /** The first run-level failure, or null. */
    public ProcessEngineException failure() {
        return failure.get();
    }

    void fail(ProcessEngineException e) {
        failure.compareAndSet(null, e);
    }

    /** Keeps the statistics of a dead child's channels for the report. */
    void retire(ChannelStats... stats) {
        retired.addAll(List.of(stats));
    }

    void recordDeath(String node, String why) {
        deaths.add(node + ": " + why);
    }

    /** Every child death seen so far, in order. */
    public List<String> deaths() {
        return List.copyOf(deaths);
    }

    /** Pids of the children now running, for tests and diagnostics. */
    public List<Long> childPids() {
        return allWorkers().stream().map(RemoteWorker::pid).filter(p -> p > 0).toList();
    }

    /** One line per child busy with an item: "node 'sharpness' replica 0 (pid 123) item 17". */
    public List<String> busyChildren() {
        List<String> busy = new ArrayList<>();
        for (RemoteWorker w : allWorkers()) {
            long held = w.heldSequence();
            if (held >= 0) {
                busy.add("node '" + w.node() + "' replica " + w.replica() + " (pid " + w.pid() + ") item " + held);
            }
        }
        return busy;
    }

    /** Restarts per node. */
    public Map<String, Integer> restarts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        workers.forEach((node, list) -> m.put(node, list.stream().mapToInt(RemoteWorker::restarts).sum()));
        return m;
    }

    /** Start-up time of every child, summed per node, in nanoseconds. */
    public Map<String, Long> startupNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        workers.forEach((node, list) -> m.put(node, list.stream().mapToLong(RemoteWorker::startupNanos).sum()));
        return m;
    }

    /** Time children spent waiting for items, summed per node, in nanoseconds (current generation only). */
    public Map<String, Long> waitNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        workers.forEach((node, list) -> m.put(node, list.stream().mapToLong(RemoteWorker::waitNanos).sum()));
        return m;
    }

    /** CPU time children used (all their threads, start-up included), summed per node, in nanoseconds. */
    public Map<String, Long> cpuNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        workers.forEach((node, list) -> m.put(node, list.stream().mapToLong(RemoteWorker::cpuNanos).sum()));
        return m;
    }

    /** CPU time children used until they were ready, summed per node, in nanoseconds. */
    public Map<String, Long> startupCpuNanos() {
        Map<String, Long> m = new LinkedHashMap<>();
        workers.forEach((node, list) -> m.put(node, list.stream().mapToLong(RemoteWorker::startupCpuNanos).sum()));
        return m;
    }

    /** Copies into the payload arena, and times a broadcast sibling found its frame already there. */
    public long[] payloadCopiesAndReuses() {
        return new long[]{payloads.copies(), payloads.reuses()};
    }

    /** Statistics of every channel end the coordinator held: orders written, results read (dead children's too). */
    public List<ChannelStats> channelStats() {
        List<ChannelStats> stats = new ArrayList<>(retired);
        for (RemoteWorker w : allWorkers()) {
            ChildProcess c = w.child();
            if (c != null && c.orders() != null && c.results() != null) {
                stats.add(c.orders().stats());
                stats.add(c.results().stats());
            }
        }
        return stats;
    }

    /**
     * Kills every child at once (SIGKILL) and waits until all are gone; no child is restarted afterwards. Coordinator
     * threads waiting on a child get a {@link ProcessEngineException}. Call {@link #close()} once they stopped.
     */
    public void kill() {
        stopping = true;
        for (RemoteWorker w : allWorkers()) {
            w.stop();
        }
    }

    /** Whether {@link #kill()} was called: a dying child is then not restarted. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Ends every child still alive gracefully (killing those that do not exit within 5 s), closes the channels and
     * removes the run directory unless it is kept. Idempotent. With a pool, a child that finishes the run normally
     * (it read the end of its orders within 5 s and left no outcome unread) goes back to the pool instead of exiting,
     * unless the run was stopped or failed; every other child is killed.
     */
    @Override
    public void close() {
        // all at once: children shut down in parallel
        for (RemoteWorker w : allWorkers()) {
            w.requestEnd();
        }
        boolean reusable = pool != null && !stopping && failure.get() == null;
        for (RemoteWorker w : allWorkers()) {
            if (pool == null) {
                w.awaitEnd(FINISH_GRACE);
            } else {
                ChildPool.KeptJvm idle = reusable ? w.awaitIdle(statusTable, FINISH_GRACE) : null;
                if (idle != null) {
                    pool.giveBack(idle);
                } else {
                    w.kill();
                    w.closeChannels();
                }
            }
        }
        cleanUp();
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        for (RemoteWorker w : allWorkers()) {
            w.closeChannels();
        }
        payloads.close();
        statusTable.close();
        if (!options.keepRunDirectory()) {
            directory.delete();
        }
        if (pool != null) {
            // a run that stopped early may leave slots taken; its children are gone, so nobody uses them
            payloads.arena().releaseAll();
        }
    }
}
