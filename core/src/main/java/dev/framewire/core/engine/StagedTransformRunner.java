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
 *
 * <p>A {@link PolledStage} has no threads: then this runner alone drives it (submits while it has room, polls it
 * for outcomes, emits them in order) and the collector is not started.
 */
final class StagedTransformRunner extends Runner implements StageContext {
    private static final int EMPTY = 0;
    private static final int PENDING = 1;
    private static final int DONE = 2;
    private static final Object NULL_RESULT = new Object();

    private final TransformNode transform;
    private final Class<?> outType;
    private TransformStage stage;
    /** the stage, when this runner drives it alone; else null */
    private PolledStage polled;
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
    /** Driving a {@link PolledStage}: items taken from the input, the next one to emit, whether the input ended. */
    private long driveDispatched;
    private long driveNext;
    private boolean inputEnded;
    private volatile long dispatchedTotal = -1;

    /** @param node a TRANSFORM or an ASYNC_TRANSFORM node */
    StagedTransformRunner(Node node, RunState state, SpscChannel in, Outlet out) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[]{out});
        this.transform = node instanceof TransformNode t ? t : null;
        this.outType = node.output().type();
        this.timed = state.options.recordLatency();
        this.collector = new Collector(node, state, out);
    }

    /** Attaches the stage (opened after this context exists) and sizes the window from it. */
    void attach(TransformStage stage) {
        attach(stage, null);
    }

    /**
     * As {@link #attach(TransformStage)}, for a stage this runner drives alone ({@code polled}, which {@code stage}
     * wraps); {@link #runners()} then leaves the collector out.
     */
    void attach(TransformStage stage, PolledStage polled) {
        this.stage = stage;
        this.polled = polled;
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

    /** The threads this node needs: this dispatcher, and the collector unless the stage is driven by this one. */
    List<Runner> runners() {
        return polled != null ? List.of(this) : List.of(this, collector);
    }

    @Override
    void closeOutputs() {
        if (polled != null) {
            super.closeOutputs();
        } // else the collector ends the stream, once it emitted the last result
    }

    // ---------------------------------------------------------------- dispatcher

    @Override
    void body() throws Exception {
        if (polled != null) {
            drive();
            return;
        }
        SpscChannel in = ins[0];
        long dispatched = 0;
        while (await(in)) {
            awaitRoom(dispatched);
            dispatch(in, dispatched);
            dispatched++;
        }
        endOfInput();
        dispatchedTotal = dispatched;
    }

    /** Takes the next message of {@code in}, item number {@code dispatched}, into the window and submits it. */
    private void dispatch(SpscChannel in, long dispatched) {
        long sequence = in.peekSequence();
        if (sequence != dispatched) {
            throw new IllegalStateException("transform '" + name + "' received item #" + sequence + " after #"
                    + (dispatched - 1) + " (sequence numbers on an edge must have no gaps)");
        }
        Object payload = in.take();
        metrics.in++;
        int i = (int) sequence & mask;
        sequences[i] = sequence;
        if (!Markers.isValue(payload)) {
            results[i] = payload;
            states.set(i, DONE);
            return;
        }
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

    private void endOfInput() throws Exception {
        try {
            stage.endOfInput();
        } catch (InterruptedException e) {
            throw Stopped.INSTANCE;
        }
    }

    /**
     * The whole node on this thread, for a {@link PolledStage}: emit what completed in order, submit while the window
     * and the stage have room, poll for outcomes; wait only when none of the three made progress.
     */
    private void drive() throws Exception {
        idle.reset();
        while (!driveRound()) {
            // a round is a method so that the JIT compiles it after a few hundred rounds, early in the first run;
            // a loop in one long call waits for on-stack replacement, tens of thousands of rounds, and every run
            // enters it again
        }
        dispatchedTotal = driveDispatched;
        stage.close();
    }

    /** One round of {@link #drive}. @return true when every item was emitted and the input ended */
    private boolean driveRound() throws Exception {
        SpscChannel in = ins[0];
        boolean progress = false;
        while (driveNext < driveDispatched && states.get((int) driveNext & mask) == DONE) {
            emitCollected(this, driveNext++);
            progress = true;
        }
        while (!inputEnded && driveDispatched - driveNext < window && in.hasNext() && polled.hasRoom()) {
            dispatch(in, driveDispatched++);
            progress = true;
        }
        if (!inputEnded && !in.hasNext() && in.isEnded()) {
            inputEnded = true;
            endOfInput();
            progress = true;
        }
        if (inputEnded && driveNext == driveDispatched) {
            return true;
        }
        if (polled.poll() > 0) {
            progress = true;
        }
        if (state.stopped()) {
            throw Stopped.INSTANCE;
        }
        pace(progress);
        return false;
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

    /**
     * Emits the result of item {@code next}, whose slot is complete, from {@code via} (the collector, or the
     * dispatcher driving a {@link PolledStage}), and frees the slot.
     */
    private void emitCollected(Runner via, long next) {
        int i = (int) next & mask;
        long sequence = sequences[i];
        Object result = results[i];
        Object item = items[i];
        results[i] = null;
        items[i] = null;
        if (!states.compareAndSet(i, DONE, EMPTY)) {
            throw Stopped.INSTANCE; // a stopping run's cleanup claimed (and released) this result first
        }
        NodeMetrics m = via.metrics;
        Object payload;
        if (result instanceof FailureNote note) {
            m.errors++;
            payload = state.error(new ItemError(node.name(), sequence, note.message()));
        } else if (result == NULL_RESULT) {
            m.dropped++;
            payload = Markers.DROPPED;
        } else if (item == null) {
            payload = result; // a drop or error from upstream, passed through in its place
        } else {
            payload = NodeLogic.checkResult(node.name(), outType, sequence, result, m, state);
        }
        if (item != null && timed) {
            m.busy(completed[i] - submitted[i]);
        }
        collectedCount = next + 1;
        via.emit(0, sequence, payload);
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
                emitCollected(this, next);
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
