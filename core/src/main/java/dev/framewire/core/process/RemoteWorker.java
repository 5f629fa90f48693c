package dev.framewire.core.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's handle on one replica of a node running in a child JVM: {@link #compute} sends an item and
 * waits for its outcome, restarting the child after it died.
 *
 * <p>Exactly once: one item is in flight per child; a child appends an item's outcome before it takes the next, and
 * a restarted child gets fresh channels, so an item whose outcome was appended is never computed again and an item
 * whose child died is reported failed and never retried.
 *
 * <p><b>Thread safety.</b> {@link #compute} is called by one coordinator thread at a time; {@link #kill} and the
 * statistics accessors by any thread.
 */
public final class RemoteWorker {
    /** What {@link #compute} returns when the node dropped the item. */
    public static final Object DROPPED = new Object() {
        @Override
        public String toString() {
            return "DROPPED";
        }
    };

    private final ProcessRun run;
    private final ChildSpec base;
    private final AtomicInteger nodeDeaths;
    private final IdleStrategy idle = IdleStrategy.backoff();
    private volatile ChildProcess child;
    private volatile boolean stopped;
    private volatile long heldSequence = -1;
    private int generation;
    private int restarts;
    private long previousOrder = -1;
    private ChildProcess previousOrderChild;
    private long retiredWaitNanos;
    private long retiredCpuNanos;
    private long retiredStartupCpuNanos;
    private long startupNanos;
    private final Outcome outcome = new Outcome();

    RemoteWorker(ProcessRun run, ChildSpec base, AtomicInteger nodeDeaths) {
        this.run = run;
        this.base = base;
        this.nodeDeaths = nodeDeaths;
    }

    String node() {
        return base.node();
    }

    int replica() {
        return base.replica();
    }

    int slot() {
        return base.slot();
    }

    /** Launches the first child; {@link #awaitReady} completes the start. */
    void launch() {
        child = ChildProcess.launch(run.directory(), run.statusTable(), base, generation,
                ChildJvm.plan(run.options(), base.node(), base.replica() == 0));
    }

    void awaitReady(Duration timeout) {
        child.awaitReady(run.statusTable(), timeout);
        startupNanos += child.startupNanos();
    }

    /**
     * Computes {@code item} in the child.
     *
     * @return the node's output, or {@link #DROPPED}
     * @throws RemoteNodeException    the node threw on this item (the child lives on)
     * @throws ChildFailedException   the child died on this item; it is restarted for the next one
     * @throws ProcessEngineException the node's children died more often than allowed, or a restart failed: the
     *                                run must stop
     * @throws IllegalArgumentException the item has no codec
     */
    public Object compute(long sequence, Object item) {
        return compute(sequence, item, 1);
    }

    /**
     * As {@link #compute(long, Object)}, for an item that {@code consumers} child-run nodes receive (a broadcast): a
     * frame among them is copied once for all.
     */
    public Object compute(long sequence, Object item, int consumers) {
        ChildProcess c = current();
        heldSequence = sequence;
        SharedPayloads.Ref ref = null;
        try {
            long order;
            if (run.payloads().byReference(item)) {
                long sent = System.nanoTime();
                try {
                    ref = run.payloads().share(sequence, item, consumers);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for room for item " + sequence, e);
                }
                order = c.orders().appendReference(sequence, ref.offset(), ref.length(), sent);
            } else {
                order = c.orders().append(sequence, item);
            }
            // the child read the previous order before answering it, so its tailer is in that order's file: files
            // before that one are done with
            if (previousOrder >= 0 && c == previousOrderChild) {
                c.orders().releaseBefore(previousOrder);
            }
            previousOrder = order;
            previousOrderChild = c;
            return awaitOutcome(c, sequence);
        } finally {
            if (ref != null) {
                run.payloads().arena().release(ref.slot());
            }
            heldSequence = -1;
        }
    }

    private Object awaitOutcome(ChildProcess c, long sequence) {
        idle.reset();
        while (true) {
            if (c.results().poll(outcome.expect(sequence))) {
                return outcome.get(base.node());
            }
            if (!c.isAlive()) {
                // it may have appended the outcome just before dying
                if (c.results().poll(outcome.expect(sequence))) {
                    return outcome.get(base.node());
                }
                throw died(c, sequence);
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(new InterruptedException("interrupted while node '" + base.node()
                        + "' computed item " + sequence + " in child " + c.pid()));
            }
            idle.idle();
        }
    }

    private RuntimeException died(ChildProcess c, long sequence) {
        String why = c.describeDeath();
        int status = c.exitStatus();
        run.retire(c.orders().stats(), c.results().stats());
        c.closeChannels();
        child = null;
        if (stopped || run.stopping()) {
            return new StoppedException("node '" + base.node() + "' was stopped while computing item " + sequence);
        }
        int deaths = nodeDeaths.incrementAndGet();
        run.recordDeath(base.node(), why);
        if (deaths > run.options().maxRestarts()) {
            ProcessEngineException fatal = new ProcessEngineException("node '" + base.node() + "': children died " + deaths
                    + " times, more than the " + run.options().maxRestarts() + " restarts allowed; last: " + why
                    + " while computing item " + sequence);
            run.fail(fatal);
            return fatal;
        }
        return new ChildFailedException(why + " while computing item " + sequence, sequence, status);
    }

    private ChildProcess current() {
        if (stopped) {
            throw new StoppedException("node '" + base.node() + "' was stopped");
        }
        ProcessEngineException failure = run.failure();
        if (failure != null) {
            throw failure;
        }
        ChildProcess c = child;
        if (c == null) {
            generation++;
            restarts++;
            retiredWaitNanos += run.statusTable().waitNanos(base.slot());
            retiredCpuNanos += run.statusTable().cpuNanos(base.slot());
            retiredStartupCpuNanos += run.statusTable().startupCpuNanos(base.slot());
            c = ChildProcess.launch(run.directory(), run.statusTable(), base, generation,
                    ChildJvm.plan(run.options(), base.node(), false));
            child = c;
            try {
                c.awaitReady(run.statusTable(), run.options().startupTimeout());
            } catch (ProcessEngineException e) {
                c.closeChannels();
                child = null;
                run.fail(e);
                throw e;
            }
            startupNanos += c.startupNanos();
        }
        return c;
    }

    /** The item being computed, or -1. */
    long heldSequence() {
        return heldSequence;
    }

    long pid() {
        ChildProcess c = child;
        return c == null ? -1 : c.pid();
    }

    int restarts() {
        return restarts;
    }

    long startupNanos() {
        return startupNanos;
    }

    /** Time this replica's children spent waiting for items, all generations. */
    long waitNanos() {
        return retiredWaitNanos + run.statusTable().waitNanos(base.slot());
    }

    /** CPU time this replica's children used (all their threads), all generations, as last published. */
    long cpuNanos() {
        return retiredCpuNanos + run.statusTable().cpuNanos(base.slot());
    }

    /** CPU time this replica's children used before they were ready, all generations. */
    long startupCpuNanos() {
        return retiredStartupCpuNanos + run.statusTable().startupCpuNanos(base.slot());
    }

    /** Asks the child to end (end of its orders). */
    void requestEnd() {
        ChildProcess c = child;
        if (c != null) {
            c.requestEnd();
        }
    }

    /** Waits for the child to exit after {@link #requestEnd()}, killing it after {@code grace}. */
    void awaitEnd(Duration grace) {
        ChildProcess c = child;
        if (c != null) {
            c.awaitEnd(grace);
            child = null;
        }
    }

    /** Kills the child at once, for good: the run is stopping and no restart follows. */
    void stop() {
        stopped = true;
        kill();
    }

    /** Kills the child at once and waits until it is gone. */
    void kill() {
        ChildProcess c = child;
        if (c != null) {
            c.kill();
        }
    }

    /** Close channels after {@link #kill}, once no thread uses this worker. */
    void closeChannels() {
        ChildProcess c = child;
        if (c != null) {
            c.closeChannels();
            child = null;
        }
    }

    ChildProcess child() {
        return child;
    }

    /** The worker or its run was stopped (timeout, fail-fast): not a failure of the item or the node. */
    static final class StoppedException extends ProcessEngineException {
        StoppedException(String message) {
            super(message);
        }
    }

    /** Captures the outcome of the awaited item from a result message. */
    private static final class Outcome implements ChannelReader.Handler {
        private long expected;
        private MessageKind kind;
        private Object value;
        private String error;

        Outcome expect(long sequence) {
            expected = sequence;
            kind = null;
            value = null;
            error = null;
            return this;
        }

        @Override
        public void onMessage(Message m) {
            if (m.sequence() != expected) {
                throw new IllegalStateException("child answered item " + m.sequence() + " while item " + expected
                        + " was awaited");
            }
            kind = m.kind();
            switch (kind) {
                case VALUE -> value = m.value();
                case ERROR -> error = m.errorMessage();
                case DROPPED -> value = DROPPED;
                default -> throw new IllegalStateException("unexpected " + kind + " result for item " + expected);
            }
        }

        Object get(String node) {
            if (kind == MessageKind.ERROR) {
                throw new RemoteNodeException(error);
            }
            return value;
        }
    }

    static List<String> describe(List<RemoteWorker> workers) {
        return workers.stream().map(w -> w.node() + "#" + w.replica()).toList();
    }
}
