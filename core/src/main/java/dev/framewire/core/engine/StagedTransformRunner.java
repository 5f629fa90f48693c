package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Node;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The coordinator side of a {@link TransformStage}: this runner (the dispatcher) takes input messages in sequence
 * order and submits values to the stage; a second runner, the {@link Collector}, emits results in sequence order.
 *
 * <p>Between them is a reorder window: a ring of {@code maxInFlight} slots indexed by sequence number (sequence
 * numbers on an edge have no gaps). The dispatcher fills a slot and submits; the stage completes it from any thread
 * (release store of the slot state); the collector waits for the slot at its position (acquire load), emits, frees
 * it, and advances {@code collected}, which is what lets the dispatcher reuse the slot. Drops and errors from
 * upstream take a slot too, already complete, so they keep their place in the order.
 */
final class StagedTransformRunner extends Runner implements StageContext {
    private static final int EMPTY = 0;
    private static final int PENDING = 1;
    private static final int DONE = 2;
    private static final Object NULL_RESULT = new Object();

    private final TransformNode transform;
    private final Class<?> outType;
    private TransformStage stage;
    private int window;
    private int mask;
    private long[] sequences;
    private Object[] items;
    private Object[] results;
    private long[] submitted;
    private long[] completed;
    private AtomicIntegerArray states;
    private final boolean timed;
    final Collector collector;

    private volatile long collectedCount;
    private volatile long dispatchedTotal = -1;

    /** @param node a TRANSFORM or an ASYNC_TRANSFORM node */
    StagedTransformRunner(Node node, RunState state, SpscChannel in, Outlet out) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[0]);
        this.transform = node instanceof TransformNode t ? t : null;
        this.outType = node.output().type();
        this.timed = state.options.recordLatency();
        this.collector = new Collector(node, state, out);
    }

    /** Attaches the stage (opened after this context exists) and sizes the window from it. */
    void attach(TransformStage stage) {
        this.stage = stage;
        this.window = Math.max(1, stage.maxInFlight());
        int ring = Integer.highestOneBit(window) == window ? window : Integer.highestOneBit(window) << 1;
        this.mask = ring - 1;
        this.sequences = new long[ring];
        this.items = new Object[ring];
        this.results = new Object[ring];
        this.submitted = new long[ring];
        this.completed = new long[ring];
        this.states = new AtomicIntegerArray(ring);
    }

    TransformStage stage() {
        return stage;
    }

    // ---------------------------------------------------------------- dispatcher

    @Override
    void body() throws Exception {
        SpscChannel in = ins[0];
        long dispatched = 0;
        while (await(in)) {
            long sequence = in.peekSequence();
            if (sequence != dispatched) {
                throw new IllegalStateException("transform '" + name + "' received item #" + sequence + " after #"
                        + (dispatched - 1) + " (sequence numbers on an edge must have no gaps)");
            }
            awaitRoom(dispatched);
            Object payload = in.take();
            metrics.in++;
            int i = (int) sequence & mask;
            sequences[i] = sequence;
            if (!Markers.isValue(payload)) {
                results[i] = payload;
                states.set(i, DONE);
            } else {
                items[i] = payload;
                submitted[i] = timed ? System.nanoTime() : 0;
                states.set(i, PENDING);
                try {
                    stage.submit(sequence, payload);
                } catch (Exception e) {
                    // a submit that throws did not take the item: its frames are still ours
                    FrameOwnership.release(payload);
                    if (e instanceof InterruptedException || state.stopped()) {
                        items[i] = null;
                        states.set(i, EMPTY);
                        throw Stopped.INSTANCE;
                    }
                    failed(sequence, e);
                }
            }
            dispatched++;
        }
        try {
            stage.endOfInput();
        } catch (InterruptedException e) {
            throw Stopped.INSTANCE;
        }
        dispatchedTotal = dispatched;
    }

    private void awaitRoom(long dispatched) {
        if (dispatched - collectedCount < window) {
            return;
        }
        long start = System.nanoTime();
        idle.reset();
        while (dispatched - collectedCount >= window) {
            if (state.stopped()) {
                throw Stopped.INSTANCE;
            }
            idle.idle();
        }
        metrics.blockedNanos += System.nanoTime() - start;
    }

    // ---------------------------------------------------------------- StageContext, called by the stage

    /** The transform node; {@code null} for an async transform (whose stage is the engine's own). */
    @Override
    public TransformNode node() {
        return transform;
    }

    @Override
    public RunOptions options() {
        return state.options;
    }

    @Override
    public void completed(long sequence, Object result) {
        complete(sequence, result == null ? NULL_RESULT : result);
    }

    @Override
    public void failed(long sequence, String message) {
        complete(sequence, new FailureNote(message == null ? "failed" : message));
    }

    @Override
    public void abortRun(String message, Throwable cause) {
        state.fail(new RunFailedException("transform '" + name + "': " + message, null, null, cause));
    }

    private void complete(long sequence, Object result) {
        int i = (int) sequence & mask;
        if (sequences[i] != sequence || states.get(i) != PENDING) {
            if (state.stopped()) {
                FrameOwnership.release(result);
                return;
            }
            throw new IllegalStateException("transform '" + name + "': result for item #" + sequence
                    + ", which is not in flight (each item must be completed exactly once)");
        }
        results[i] = result;
        completed[i] = timed ? System.nanoTime() : 0;
        states.set(i, DONE);
        if (state.stopped() && states.compareAndSet(i, DONE, EMPTY)) {
            // the run stopped while this item was computed: nobody will emit it; whoever empties the slot releases
            FrameOwnership.release(result);
            results[i] = null;
        }
    }

    @Override
    List<BusyItem> busyItems() {
        List<BusyItem> own = stage == null ? null : stage.busy();
        if (own != null) {
            return own;
        }
        List<BusyItem> pending = new ArrayList<>();
        for (int i = 0; i < states.length(); i++) {
            if (states.get(i) == PENDING) {
                pending.add(new BusyItem(name, sequences[i], BusyItem.describe(items[i])));
            }
        }
        return pending;
    }

    @Override
    void releaseHeld() {
        if (states == null) {
            return;
        }
        for (int i = 0; i < states.length(); i++) {
            Object result = results[i];
            if (states.compareAndSet(i, DONE, EMPTY) && Markers.isValue(result) && result != NULL_RESULT) {
                FrameOwnership.release(result);
            }
        }
    }

    /** What a stage reported as a failure, until the collector makes it an error outcome. */
    private record FailureNote(String message) {
    }

    /** Emits the window's results in sequence order. */
    final class Collector extends Runner {
        Collector(Node node, RunState state, Outlet out) {
            super(node.name() + "-collector", node, state, new SpscChannel[0], new Outlet[]{out});
        }

        @Override
        void body() {
            for (long next = 0; ; next++) {
                int i = (int) next & mask;
                if (!awaitSlot(next, i)) {
                    stage.close();
                    return;
                }
                long sequence = sequences[i];
                Object result = results[i];
                Object item = items[i];
                results[i] = null;
                items[i] = null;
                if (!states.compareAndSet(i, DONE, EMPTY)) {
                    throw Stopped.INSTANCE; // a stopping run's cleanup claimed (and released) this result first
                }
                Object payload;
                if (result instanceof FailureNote note) {
                    metrics.errors++;
                    payload = state.error(new ItemError(node.name(), sequence, note.message()));
                } else if (result == NULL_RESULT) {
                    metrics.dropped++;
                    payload = Markers.DROPPED;
                } else if (item == null) {
                    payload = result; // a drop or error from upstream, passed through in its place
                } else {
                    payload = NodeLogic.checkResult(node.name(), outType, sequence, result, metrics, state);
                }
                if (item != null) {
                    if (timed) {
                        metrics.busy(completed[i] - submitted[i]);
                    }
                }
                collectedCount = next + 1;
                emit(0, sequence, payload);
            }
        }

        /** Waits for slot {@code i} to hold the result of item {@code next}. @return false when all were collected */
        private boolean awaitSlot(long next, int i) {
            if (states.get(i) == DONE) {
                return true;
            }
            long start = System.nanoTime();
            idle.reset();
            while (states.get(i) != DONE) {
                if (dispatchedTotal == next) {
                    metrics.waitNanos += System.nanoTime() - start;
                    return false;
                }
                if (state.stopped()) {
                    throw Stopped.INSTANCE;
                }
                idle.idle();
            }
            metrics.waitNanos += System.nanoTime() - start;
            return true;
        }
    }
}
