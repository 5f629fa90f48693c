package dev.framewire.core.process;

import dev.framewire.core.engine.BusyItem;
import dev.framewire.core.engine.IdleStrategy;
import dev.framewire.core.frame.Frame;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator's handle on one replica of a node running in a child JVM: {@link #send} appends items to the
 * child's orders while it computes, {@link #poll} hands back their outcomes in order without waiting ({@link #next}
 * waits), restarting the child after it died; {@link #compute} does both for one item.
 *
 * <p><b>A window of items in flight.</b> Up to {@code window} items may be sent and not yet answered, so that a child
 * finds its next item queued the moment it appended an outcome, instead of idling while the coordinator routes.
 *
 * <p><b>Exactly once.</b> A child appends an item's outcome before it takes the next, and publishes in the
 * {@link ChildStatusTable} which item it took before decoding it. When a child dies, every outcome it appended is
 * read first; then the item it had taken and not answered, if any, is reported failed (with its exit status or
 * signal) and never retried; the later items of the window, which it had not taken, are sent again, in order, to its
 * restarted child, which has fresh channels, so no outcome is read twice. Outcomes are handed back in the order the
 * items were sent.
 *
 * <p><b>Frame outcomes in place.</b> With each order goes, when the arena has slots to spare, a grant of one slot
 * (taken without waiting) for its outcome: a child whose node outputs a frame encodes it there, and the frame comes
 * back as a view of that slot ({@link SharedPayloads#adopt}), which other children then read in place. A grant not
 * used is given back when the outcome arrives; the grant of an item whose child died is given back too (whatever
 * the child wrote there is garbage), and the items sent again to the restarted child get fresh grants. Grants stop
 * once the node answered with a value that is not a frame (they would only hold slots), and resume if it answers
 * with a frame again.
 *
 * <p><b>Thread safety.</b> One thread sends and takes the outcomes ({@link #send}, {@link #poll} and
 * {@link #next}, or {@link #compute}); the window, the child and restarts are guarded by this object's lock, which a sender waiting for
 * room also waits on. {@link #stop}, {@link #kill} and the statistics accessors may be called by any thread.
 */
public final class RemoteWorker {
    /** What {@link #compute} returns when the node dropped the item. */
    public static final Object DROPPED = new Object() {
        @Override
        public String toString() {
            return "DROPPED";
        }
    };

    private static final long WAIT_SLICE_MILLIS = 20;

    private final ProcessRun run;
    private final ChildSpec base;
    private final AtomicInteger nodeDeaths;
    private final IdleStrategy idle;
    private volatile ChildProcess child;
    private volatile boolean stopped;
    private volatile long heldSequence = -1;
    private volatile String heldItem;
    private int generation;
    private int restarts;
    private long retiredWaitNanos;
    private long retiredCpuNanos;
    private long retiredStartupCpuNanos;
    private long startupNanos;
    /** items sent and not yet answered, oldest first; guarded by this */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** outcomes read (or deaths noticed) and not yet handed back, oldest first; the thread taking outcomes only */
    private final ArrayDeque<Result> ready = new ArrayDeque<>();
    private final Outcome outcome = new Outcome();
    /** Whether the node's last value was a frame (or nothing is known yet): orders then carry grants. */
    private volatile boolean outputsFrames = true;

    RemoteWorker(ProcessRun run, ChildSpec base, AtomicInteger nodeDeaths) {
        this.run = run;
        this.base = base;
        this.nodeDeaths = nodeDeaths;
        this.idle = IdleStrategy.forProcesses(base.slots() + 1);
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

    /** Launches the first child; {@link #openChannels} and {@link #awaitReady} complete the start. */
    void launch() {
        child = run.child(base, generation, true);
        if (child.hasKeptChannels()) {
            // nothing to create: the kept JVM starts on its run at once, not after every other child was launched
            openChannels();
        }
    }

    void openChannels() {
        if (!child.channelsOpen()) {
            child.openChannels(run.directory(), run.statusTable());
        }
    }

    void awaitReady(Duration timeout) {
        child.awaitReady(run.statusTable(), timeout);
        startupNanos += child.startupNanos();
    }

    /**
     * Computes {@code item} in the child: {@link #send} with a window of one, then {@link #next}.
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
        try {
            send(sequence, item, consumers, 1);
            Result r = next();
            if (r.sequence != sequence) {
                throw new IllegalStateException("awaited item " + sequence + ", got " + r);
            }
            return r.valueOrThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(new InterruptedException("interrupted while node '" + base.node()
                    + "' computed item " + sequence));
        }
    }

    /**
     * Sends {@code item} to the child once fewer than {@code window} items are in flight, waiting for room.
     *
     * <p>Ownership: the caller keeps the item. When this returns false the item was copied out (to the payload
     * arena) and may be released at once; when it returns true the item is encoded in the order and may have to be
     * encoded again for a restarted child, so the caller releases it only when its {@link Result} comes back (whose
     * {@link Result#item()} then names it).
     *
     * @throws IllegalArgumentException the item has no codec (nothing was sent)
     * @throws ProcessEngineException   the run failed, or a restart failed
     * @throws StoppedException         the worker was stopped
     */
    boolean send(long sequence, Object item, int consumers, int window) throws InterruptedException {
        synchronized (this) {
            while (pending.size() >= window) {
                checkStopped();
                wait(WAIT_SLICE_MILLIS);
            }
        }
        SharedPayloads.Ref ref = null;
        long sent = System.nanoTime();
        if (run.payloads().byReference(item)) {
            ref = run.payloads().share(sequence, item, consumers);
        }
        try {
            synchronized (this) {
                ChildProcess c = ensureChild();
                Pending p = new Pending(sequence, ref == null ? item : null, ref, sent, BusyItem.describe(item));
                p.grant = outputsFrames ? run.payloads().grant() : -1;
                try {
                    p.orderIndex = appendOrder(c, p);
                } catch (RuntimeException | Error e) {
                    releaseGrant(p);
                    throw e;
                }
                pending.addLast(p);
                updateHeld();
                notifyAll();
            }
            return ref == null;
        } catch (RuntimeException | Error e) {
            if (ref != null) {
                run.payloads().arena().release(ref.slot());
            }
            throw e;
        }
    }

    /**
     * The last item of the run was sent: the child is told at once, so that it finishes its run (a kept one waits for
     * the next, a one-run child exits) as soon as it has answered, while the coordinator still collects, instead of
     * when the run closes.
     */
    synchronized void endOrders() {
        ChildProcess c = child;
        if (c != null) {
            c.requestEnd();
        }
    }

    /**
     * The outcome of the oldest item in flight, waiting for it: {@link #poll} until it is there. Call it with an
     * item in flight.
     *
     * @throws ProcessEngineException the run failed (the node's children died too often, or a restart failed)
     * @throws StoppedException       the worker was stopped
     */
    Result next() throws InterruptedException {
        idle.reset();
        Result r;
        while ((r = poll()) == null) {
            synchronized (this) {
                checkStopped(); // a stopping run may have abandoned the item
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while node '" + base.node() + "' computed item "
                        + heldSequence + " in child " + pid());
            }
            idle.idle();
        }
        return r;
    }

    /**
     * The outcome of the oldest item in flight if it arrived (or its child died), without waiting; restarts a dead
     * child for the rest of the window.
     *
     * @return null when no outcome is there yet, or nothing is in flight
     * @throws ProcessEngineException the run failed (the node's children died too often, or a restart failed)
     * @throws StoppedException       the worker was stopped
     */
    Result poll() {
        Result r = ready.pollFirst();
        if (r != null) {
            return r;
        }
        Pending head;
        ChildProcess c;
        synchronized (this) {
            if (pending.isEmpty()) {
                return null;
            }
            head = pending.peekFirst();
            c = ensureChild();
        }
        if (c.results().poll(outcome.expect(head.sequence))) {
            return answered(c, outcome.result());
        }
        if (!c.isAlive()) {
            synchronized (this) {
                died(c);
            }
            return ready.pollFirst();
        }
        return null;
    }

    /** The head item was answered: it leaves the window. */
    private Result answered(ChildProcess c, Result r) {
        Pending p;
        synchronized (this) {
            p = pending.pollFirst();
            updateHeld();
            notifyAll();
        }
        r.item = p.item;
        settle(p, r);
        // the child read this order before answering it: queue files before it are done with; and this reader is
        // in the file of the result it just read, which tells the child what it may delete
        c.orders().releaseBefore(p.orderIndex);
        run.statusTable().resultsRead(base.slot(), outcome.index());
        return r;
    }

    /**
     * Handles the death of child {@code c}: reads what it appended, fails the item it had taken, and leaves the rest
     * of the window to be sent again to the next child. Holds the lock.
     */
    private void died(ChildProcess c) {
        // it may have appended outcomes just before dying
        while (!pending.isEmpty() && c.results().poll(outcome.expect(pending.peekFirst().sequence))) {
            Result r = outcome.result();
            Pending p = pending.pollFirst();
            r.item = p.item;
            settle(p, r);
            ready.addLast(r);
        }
        if (pending.isEmpty() && c.endRequested()) {
            return; // it answered every item, read the end of its orders and exited, as told: not a death
        }
        ChildStatusTable table = run.statusTable();
        Pending culprit = null;
        if (!pending.isEmpty() && table.pid(base.slot()) == c.pid()
                && table.state(base.slot()) == ChildStatusTable.State.BUSY
                && table.sequence(base.slot()) == pending.peekFirst().sequence) {
            culprit = pending.pollFirst();
            if (culprit.ref != null) {
                run.payloads().arena().release(culprit.ref.slot());
            }
            // it may have written into its grant before it died: the slot simply goes back
            releaseGrant(culprit);
        }
        // the restarted child gets fresh grants for the items sent again
        for (Pending p : pending) {
            releaseGrant(p);
        }
        String why = c.describeDeath();
        int status = c.exitStatus();
        run.retire(c.orders().stats(), c.results().stats());
        c.closeChannels();
        child = null;
        updateHeld();
        notifyAll();
        long sequence = culprit != null ? culprit.sequence : -1;
        String where = culprit != null ? " while computing item " + sequence : " between items";
        if (stopped || run.stopping()) {
            throw new StoppedException("node '" + base.node() + "' was stopped" + where);
        }
        int deaths = nodeDeaths.incrementAndGet();
        run.recordDeath(base.node(), why + where);
        if (deaths > run.options().maxRestarts()) {
            ProcessEngineException fatal = new ProcessEngineException("node '" + base.node() + "': children died " + deaths
                    + " times, more than the " + run.options().maxRestarts() + " restarts allowed; last: " + why + where);
            run.fail(fatal);
            if (culprit != null) {
                ready.addLast(Result.fatal(sequence, culprit.item, fatal));
            } else {
                throw fatal;
            }
            return;
        }
        if (culprit != null) {
            ready.addLast(Result.died(sequence, culprit.item, new ChildFailedException(why + where, sequence, status)));
        }
    }

    private void checkStopped() {
        if (stopped) {
            throw new StoppedException("node '" + base.node() + "' was stopped");
        }
        ProcessEngineException failure = run.failure();
        if (failure != null) {
            throw failure;
        }
    }

    /** The running child, restarted (with the unanswered items of the window sent again) if it died. Holds the lock. */
    private ChildProcess ensureChild() {
        checkStopped();
        ChildProcess c = child;
        if (c == null) {
            generation++;
            restarts++;
            retiredWaitNanos += run.statusTable().waitNanos(base.slot());
            retiredCpuNanos += run.statusTable().cpuNanos(base.slot());
            retiredStartupCpuNanos += run.statusTable().startupCpuNanos(base.slot());
            c = run.child(base, generation, false);
            child = c;
            try {
                c.openChannels(run.directory(), run.statusTable());
                c.awaitReady(run.statusTable(), run.options().startupTimeout());
            } catch (ProcessEngineException e) {
                c.closeChannels();
                child = null;
                run.fail(e);
                throw e;
            }
            startupNanos += c.startupNanos();
            for (Pending p : pending) {
                if (p.grant < 0 && outputsFrames) {
                    p.grant = run.payloads().grant();
                }
                p.orderIndex = appendOrder(c, p);
            }
        }
        return c;
    }

    private long appendOrder(ChildProcess c, Pending p) {
        return p.ref != null
                ? c.orders().appendReference(p.sequence, p.ref.offset(), p.ref.length(), p.sentNanos, p.grant)
                : c.orders().append(p.sequence, p.item, p.grant);
    }

    /**
     * An outcome of item {@code p} was read: gives back the item's arena slot and its grant, unless the child
     * answered in the grant, whose reference then passes to the adopted frame ({@link SharedPayloads#adopt}).
     */
    private void settle(Pending p, Result r) {
        if (p.ref != null) {
            run.payloads().arena().release(p.ref.slot());
        }
        if (r.inSlotOffset >= 0) {
            int slot = p.grant;
            p.grant = -1;
            if (slot < 0 || run.payloads().arena().offsetOf(slot) != r.inSlotOffset) {
                if (slot >= 0) {
                    run.payloads().arena().release(slot);
                }
                throw new IllegalStateException("node '" + base.node() + "' answered item " + p.sequence
                        + " in arena offset " + r.inSlotOffset + ", which it was not granted");
            }
            r.value = run.payloads().adopt(slot, r.inSlotLength);
            r.inSlotOffset = -1;
        } else {
            releaseGrant(p);
        }
        if (r.kind == Result.Kind.VALUE) {
            outputsFrames = r.value instanceof Frame;
        }
    }

    private void releaseGrant(Pending p) {
        if (p.grant >= 0) {
            run.payloads().arena().release(p.grant);
            p.grant = -1;
        }
    }

    private void updateHeld() {
        Pending head = pending.peekFirst();
        heldSequence = head == null ? -1 : head.sequence;
        heldItem = head == null ? null : head.description;
    }

    /** Whether the node's outcomes are frames, as far as known: its orders then carry grants when there are slots. */
    boolean outputsFrames() {
        return outputsFrames;
    }

    /** Items sent and not answered. */
    synchronized int inFlight() {
        return pending.size();
    }

    /**
     * Forgets every item in flight (the run is stopping): gives back their arena slots and returns the items the
     * caller still owns (see {@link #send}) for it to release.
     */
    synchronized List<Object> abandon() {
        List<Object> owned = new ArrayList<>();
        for (Pending p : pending) {
            if (p.ref != null) {
                run.payloads().arena().release(p.ref.slot());
            }
            releaseGrant(p);
            if (p.item != null) {
                owned.add(p.item);
            }
        }
        pending.clear();
        for (Result r : ready) {
            if (r.item != null) {
                owned.add(r.item);
            }
            // never handed out: a frame outcome (in place in the arena, or a copy) is this worker's to release
            if (r.value instanceof Frame f && f.isOpen()) {
                f.release();
            }
        }
        ready.clear();
        updateHeld();
        return owned;
    }

    /** Description of the item being computed (the oldest in flight), or null. */
    String heldItem() {
        return heldItem;
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

    /**
     * For a child of a warm engine: waits for it to finish the run after {@link #requestEnd()}; the coordinator's
     * channel ends go back with its JVM, or are closed if it does not.
     *
     * @return its JVM, idle and alive, to go back to the pool; or null (it died, or did not finish within
     *         {@code grace} and was killed)
     */
    ChildPool.KeptJvm awaitIdle(ChildStatusTable table, Duration grace) {
        ChildProcess c = child;
        if (c == null || c.kept() == null) {
            return null;
        }
        boolean idle = c.awaitIdle(table, grace);
        child = null;
        return idle ? c.kept() : null;
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

    /**
     * The outcome of one item, as {@link #poll} hands it back.
     */
    static final class Result {
        enum Kind { VALUE, DROPPED, ERROR, DIED, FATAL }

        private final long sequence;
        private final Kind kind;
        private Object value;
        /** Where the child encoded its outcome in its granted slot, or -1 (then {@link #value} is the outcome). */
        private long inSlotOffset = -1;
        private long inSlotLength;
        private final String error;
        private final RuntimeException failure;
        private Object item;

        private Result(long sequence, Kind kind, Object value, String error, RuntimeException failure) {
            this.sequence = sequence;
            this.kind = kind;
            this.value = value;
            this.error = error;
            this.failure = failure;
        }

        static Result died(long sequence, Object item, ChildFailedException e) {
            Result r = new Result(sequence, Kind.DIED, null, e.getMessage(), e);
            r.item = item;
            return r;
        }

        static Result fatal(long sequence, Object item, ProcessEngineException e) {
            Result r = new Result(sequence, Kind.FATAL, null, e.getMessage(), e);
            r.item = item;
            return r;
        }

        long sequence() {
            return sequence;
        }

        Kind kind() {
            return kind;
        }

        /** The node's output (null when dropped). */
        Object value() {
            return value;
        }

        /** Why the item failed (ERROR, DIED, FATAL). */
        String error() {
            return error;
        }

        /** The item, if the caller of {@link #send} still owns it and should release it now; else null. */
        Object item() {
            return item;
        }

        Object valueOrThrow() {
            return switch (kind) {
                case VALUE -> value;
                case DROPPED -> DROPPED;
                case ERROR -> throw new RemoteNodeException(error);
                case DIED, FATAL -> throw failure;
            };
        }

        @Override
        public String toString() {
            return "Result[" + sequence + " " + kind + "]";
        }
    }

    /** An item sent and not answered. */
    private static final class Pending {
        final long sequence;
        final Object item;
        final SharedPayloads.Ref ref;
        final long sentNanos;
        final String description;
        long orderIndex;
        /** Arena slot granted for the outcome, or -1. */
        int grant = -1;

        Pending(long sequence, Object item, SharedPayloads.Ref ref, long sentNanos, String description) {
            this.sequence = sequence;
            this.item = item;
            this.ref = ref;
            this.sentNanos = sentNanos;
            this.description = description;
        }
    }

    /** Reads the outcome of the awaited item from a result message. */
    private static final class Outcome implements ChannelReader.Handler {
        private long expected;
        private Result result;
        private long index;

        Outcome expect(long sequence) {
            expected = sequence;
            result = null;
            return this;
        }

        @Override
        public void onMessage(Message m) {
            if (m.sequence() != expected) {
                throw new IllegalStateException("child answered item " + m.sequence() + " while item " + expected
                        + " was awaited");
            }
            index = m.index();
            result = switch (m.kind()) {
                case VALUE -> new Result(expected, Result.Kind.VALUE, m.value(), null, null);
                case ERROR -> new Result(expected, Result.Kind.ERROR, null, m.errorMessage(), null);
                case DROPPED -> new Result(expected, Result.Kind.DROPPED, null, null, null);
                case REFERENCE -> {
                    // the child answered in the slot it was granted: adopted once the item is known (settle)
                    Result r = new Result(expected, Result.Kind.VALUE, null, null, null);
                    r.inSlotOffset = m.referenceOffset();
                    r.inSlotLength = m.referenceLength();
                    yield r;
                }
                default -> throw new IllegalStateException("unexpected " + m.kind() + " result for item " + expected);
            };
        }

        Result result() {
            return result;
        }

        /** Queue index of the last result read. */
        long index() {
            return index;
        }
    }

    static List<String> describe(List<RemoteWorker> workers) {
        return workers.stream().map(w -> w.node() + "#" + w.replica()).toList();
    }
}
