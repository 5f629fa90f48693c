package dev.framewire.core.engine;

import dev.framewire.core.network.AsyncTransformNode;
import dev.framewire.core.network.Edge;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.MergeSynchNode;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.Node;
import dev.framewire.core.network.Port;
import dev.framewire.core.network.SinkNode;
import dev.framewire.core.network.SourceNode;
import dev.framewire.core.network.SplitNode;
import dev.framewire.core.network.StreamTransformNode;
import dev.framewire.core.network.TransformNode;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Runs a network on the calling thread, deterministically: the same network and inputs always give the same calls
 * in the same order. For tests and debugging.
 *
 * <p>The engine pulls: it asks each sink in turn for one item, and a node asked for an item asks its inputs, down
 * to the sources. So items flow one at a time, branches of a broadcast stay within a few items of each other, and
 * memory (and the number of live frames) stays bounded without threads. MergeAny takes its inputs round-robin.
 * Replicas ({@code workers(n)}) run as one; an async transform's future is awaited before the next item.
 *
 * <p>The timeout and interruption are checked between items (a node function that never returns is not
 * interrupted). Not thread-safe per run; the engine object itself is stateless.
 */
public final class SequentialEngine implements Engine {

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public RunReport run(Network network, RunOptions options) {
        network.checkRunnable();
        return new Run(network, options).execute();
    }

    /** Unwinds the pull recursion when the run must stop. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final class Msg {
        final long sequence;
        final Object payload;

        Msg(long sequence, Object payload) {
            this.sequence = sequence;
            this.payload = payload;
        }
    }

    private static final class Queue {
        final ArrayDeque<Msg> messages = new ArrayDeque<>();
        boolean ended;
        Stepper producer;
    }

    private static final class Run {
        final Network network;
        final RunState state;
        final long deadline;
        final long started = System.nanoTime();
        final Map<Port, Queue> inputQueues = new HashMap<>();
        final List<Stepper> steppers = new ArrayList<>();
        final List<Queue> allQueues = new ArrayList<>();

        Run(Network network, RunOptions options) {
            this.network = network;
            this.state = new RunState(network.name(), options);
            this.deadline = options.timeout() == null ? Long.MAX_VALUE : started + options.timeout().toNanos();
        }

        RunReport execute() {
            for (Edge e : network.edges()) {
                Queue q = new Queue();
                inputQueues.put(e.to(), q);
                allQueues.add(q);
            }
            for (Node node : network.nodes()) {
                steppers.add(stepperFor(node));
            }
            List<Stepper> sinks = steppers.stream().filter(s -> s.node instanceof SinkNode).toList();
            try {
                boolean active = true;
                while (active) {
                    active = false;
                    for (Stepper sink : sinks) {
                        if (!sink.ended) {
                            checkStop();
                            sink.step();
                            active = true;
                        }
                    }
                }
                checkStop();
                return report();
            } catch (Stop stop) {
                releaseQueued();
                throw stopException();
            } catch (RuntimeException | Error e) {
                releaseQueued();
                throw e;
            }
        }

        void checkStop() {
            if (state.stopped()) {
                throw new Stop();
            }
            if (Thread.currentThread().isInterrupted()) {
                state.fail(new RunInterruptedException("run of network '" + network.name() + "' interrupted", null));
                throw new Stop();
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
                state.fail(new RunTimeoutException("run of network '" + network.name() + "' timed out after "
                        + state.options.timeout() + "; no node was busy (the sequential engine checks between items)",
                        List.of(), null));
                throw new Stop();
            }
        }

        RunException stopException() {
            RunException failure = state.failure();
            RunReport partial = report();
            if (failure instanceof RunTimeoutException t) {
                return new RunTimeoutException(t.getMessage(), t.busy(), partial);
            }
            if (failure instanceof RunInterruptedException) {
                return new RunInterruptedException(failure.getMessage(), partial);
            }
            if (failure instanceof RunFailedException f) {
                return new RunFailedException(f.getMessage(), f.error(), partial, f.getCause());
            }
            return new RunFailedException("run of network '" + network.name() + "' stopped", null, partial, failure);
        }

        void releaseQueued() {
            for (Queue q : allQueues) {
                for (Msg m : q.messages) {
                    if (Markers.isValue(m.payload)) {
                        FrameOwnership.release(m.payload);
                    }
                }
                q.messages.clear();
            }
        }

        RunReport report() {
            List<NodeReport> nodes = new ArrayList<>();
            for (Stepper s : steppers) {
                nodes.add(NodeMetrics.report(s.node, List.of(s.metrics)));
            }
            return new RunReport(network.name(), "sequential", Duration.ofNanos(System.nanoTime() - started), nodes,
                    state.errors(), state.errorCount(), Map.of());
        }

        /** The next message on {@code q}, stepping its producer as needed; null at the end of the stream. */
        Msg pull(Queue q) {
            while (q.messages.isEmpty() && !q.ended) {
                checkStop();
                q.producer.step();
            }
            return q.messages.poll();
        }

        Stepper stepperFor(Node node) {
            Stepper s = switch (node.kind()) {
                case SOURCE -> new SourceStepper(this, (SourceNode) node);
                case TRANSFORM -> new TransformStepper(this, (TransformNode) node);
                case ASYNC_TRANSFORM -> new AsyncStepper(this, (AsyncTransformNode) node);
                case STREAM_TRANSFORM -> new StreamStepper(this, (StreamTransformNode) node);
                case SINK -> new SinkStepper(this, (SinkNode) node);
                case MERGE_SYNCH -> new MergeSynchStepper(this, (MergeSynchNode) node);
                case MERGE_ANY -> new MergeAnyStepper(this, node);
                case SPLIT -> new SplitStepper(this, (SplitNode) node);
                case NETWORK_INPUT, NETWORK_OUTPUT -> throw new IllegalArgumentException("boundary node '" + node.name()
                        + "' cannot run");
            };
            return s;
        }
    }

    /** One node: {@link #step()} consumes at most one input message (or yields one item) and emits what follows. */
    private abstract static class Stepper {
        final Run run;
        final Node node;
        final NodeMetrics metrics;
        final Queue[][] outs;
        final Queue[] ins;
        boolean ended;

        Stepper(Run run, Node node) {
            this.run = run;
            this.node = node;
            this.metrics = new NodeMetrics(run.state.options.recordLatency());
            this.outs = new Queue[node.outputs().size()][];
            for (int p = 0; p < outs.length; p++) {
                List<Edge> edges = run.network.edgesFrom(node.outputs().get(p));
                outs[p] = new Queue[edges.size()];
                for (int e = 0; e < edges.size(); e++) {
                    outs[p][e] = run.inputQueues.get(edges.get(e).to());
                    outs[p][e].producer = this;
                }
            }
            this.ins = new Queue[node.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = run.inputQueues.get(node.inputs().get(i));
            }
        }

        abstract void step();

        void emit(int port, long sequence, Object payload) {
            Queue[] edges = outs[port];
            if (edges.length > 1 && Markers.isValue(payload)) {
                FrameOwnership.retain(payload, edges.length - 1);
            }
            for (Queue q : edges) {
                q.messages.add(new Msg(sequence, payload));
            }
        }

        void emitAll(long sequence, Object payload) {
            for (int p = 0; p < outs.length; p++) {
                emit(p, sequence, payload);
            }
        }

        void end() {
            ended = true;
            for (Queue[] edges : outs) {
                for (Queue q : edges) {
                    q.ended = true;
                }
            }
        }

        Msg pull(int input) {
            Msg m = run.pull(ins[input]);
            if (m != null) {
                metrics.in++;
            }
            return m;
        }
    }

    private static final class SourceStepper extends Stepper {
        final Iterator<?> items;
        final Class<?> type;
        long next;

        SourceStepper(Run run, SourceNode node) {
            super(run, node);
            this.items = node.open();
            this.type = node.type();
        }

        @Override
        void step() {
            boolean timed = metrics.startTiming();
            long start = timed ? System.nanoTime() : 0;
            Object item;
            try {
                if (!items.hasNext()) {
                    end();
                    return;
                }
                item = items.next();
            } catch (Throwable t) {
                NodeLogic.rethrowFatal(t);
                metrics.errors++;
                emit(0, next, run.state.error(ItemError.of(node.name(), next, t)));
                next++;
                end();
                return;
            } finally {
                if (timed) {
                    metrics.timed(System.nanoTime() - start);
                }
            }
            long sequence = next++;
            if (item == null) {
                metrics.errors++;
                emit(0, sequence, run.state.error(new ItemError(node.name(), sequence, "source yielded null")));
                return;
            }
            emit(0, sequence, NodeLogic.checkResult(node.name(), type, sequence, item, metrics, run.state));
        }
    }

    private static final class TransformStepper extends Stepper {
        final Function<Object, Object> function;
        final Class<?> outType;

        TransformStepper(Run run, TransformNode node) {
            super(run, node);
            this.function = node.newFunction();
            this.outType = node.output().type();
        }

        @Override
        void step() {
            Msg m = pull(0);
            if (m == null) {
                end();
                return;
            }
            Object out = Markers.isValue(m.payload)
                    ? NodeLogic.transform(node.name(), function, outType, m.sequence, m.payload, metrics, run.state)
                    : m.payload;
            emit(0, m.sequence, out);
        }
    }

    private static final class AsyncStepper extends Stepper {
        final AsyncTransformNode async;

        AsyncStepper(Run run, AsyncTransformNode node) {
            super(run, node);
            this.async = node;
        }

        @Override
        void step() {
            Msg m = pull(0);
            if (m == null) {
                end();
                return;
            }
            if (!Markers.isValue(m.payload)) {
                emit(0, m.sequence, m.payload);
                return;
            }
            Function<Object, Object> awaiting = item -> {
                try {
                    return async.function().apply(item).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the future");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(ItemError.describe(cause), cause);
                }
            };
            emit(0, m.sequence, NodeLogic.transform(node.name(), awaiting, node.output().type(), m.sequence, m.payload,
                    metrics, run.state));
        }
    }

    private static final class StreamStepper extends Stepper {
        final StreamTransformNode stream;
        Iterator<Object> output;
        long next;

        StreamStepper(Run run, StreamTransformNode node) {
            super(run, node);
            this.stream = node;
        }

        @Override
        void step() {
            try {
                if (output == null) {
                    Spliterator<Object> in = Spliterators.spliteratorUnknownSize(new InputIterator(), Spliterator.ORDERED);
                    output = stream.function().apply(StreamSupport.stream(in, false)).iterator();
                }
                boolean timed = metrics.startTiming();
                long start = timed ? System.nanoTime() : 0;
                if (!output.hasNext()) {
                    end();
                    return;
                }
                Object item = output.next();
                if (timed) {
                    metrics.timed(System.nanoTime() - start);
                }
                long sequence = next++;
                emit(0, sequence, NodeLogic.checkResult(node.name(), node.output().type(), sequence, item, metrics, run.state));
            } catch (Stop stop) {
                throw stop;
            } catch (Throwable t) {
                NodeLogic.rethrowFatal(t);
                metrics.errors++;
                long sequence = next++;
                emit(0, sequence, run.state.error(ItemError.of(node.name(), sequence, t)));
                drainInput();
                end();
            }
        }

        void drainInput() {
            Msg m;
            while ((m = pull(0)) != null) {
                if (Markers.isValue(m.payload)) {
                    FrameOwnership.release(m.payload);
                }
            }
        }

        /** The function's view of the input: values only; errors go straight on, drops vanish. */
        private final class InputIterator implements Iterator<Object> {
            Msg pending;
            boolean done;

            @Override
            public boolean hasNext() {
                while (pending == null && !done) {
                    Msg m = pull(0);
                    if (m == null) {
                        done = true;
                    } else if (m.payload instanceof ErrorMark) {
                        emit(0, next++, m.payload);
                    } else if (m.payload != Markers.DROPPED) {
                        pending = m;
                    }
                }
                return pending != null;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object value = pending.payload;
                pending = null;
                return value;
            }
        }
    }

    private static final class SinkStepper extends Stepper {
        final SinkNode sink;
        long lastSequence = -1;

        SinkStepper(Run run, SinkNode node) {
            super(run, node);
            this.sink = node;
        }

        @Override
        void step() {
            Msg m = pull(0);
            if (m == null) {
                NodeLogic.sinkEnd(node.name(), sink.function(), lastSequence + 1, metrics, run.state);
                ended = true;
                return;
            }
            lastSequence = m.sequence;
            NodeLogic.sink(node.name(), sink.function(), m.sequence, m.payload, metrics, run.state);
        }
    }

    private static final class MergeSynchStepper extends Stepper {
        final MergeSynchNode merge;
        final Object[] items;
        final boolean[] inputEnded;
        final long[] lengths;

        MergeSynchStepper(Run run, MergeSynchNode node) {
            super(run, node);
            this.merge = node;
            this.items = new Object[node.inputs().size()];
            this.inputEnded = new boolean[items.length];
            this.lengths = new long[items.length];
        }

        @Override
        void step() {
            Msg[] heads = new Msg[items.length];
            int present = 0;
            for (int i = 0; i < items.length; i++) {
                heads[i] = inputEnded[i] ? null : pull(i);
                if (heads[i] == null) {
                    inputEnded[i] = true;
                } else {
                    present++;
                    lengths[i]++;
                }
            }
            if (present == 0) {
                end();
                return;
            }
            if (present < items.length) {
                int endedInput = 0;
                while (!inputEnded[endedInput]) {
                    endedInput++;
                }
                ErrorMark mark = null;
                long sequence = -1;
                for (Msg h : heads) {
                    if (h == null) {
                        continue;
                    }
                    if (mark == null) {
                        sequence = h.sequence;
                        mark = NodeLogic.unmatched(merge, sequence, h.payload, endedInput, lengths[endedInput], metrics,
                                run.state);
                    } else if (Markers.isValue(h.payload)) {
                        FrameOwnership.release(h.payload);
                    }
                }
                emit(0, sequence, mark);
                return;
            }
            long sequence = heads[0].sequence;
            for (int i = 0; i < items.length; i++) {
                if (heads[i].sequence != sequence) {
                    throw new IllegalStateException("MergeSynch '" + node.name() + "': in0 is at item #" + sequence + " but in"
                            + i + " at #" + heads[i].sequence + " (sequence numbers on an edge must have no gaps)");
                }
                items[i] = heads[i].payload;
            }
            emit(0, sequence, NodeLogic.mergeSynch(merge, sequence, items, metrics, run.state));
            java.util.Arrays.fill(items, null);
        }
    }

    private static final class MergeAnyStepper extends Stepper {
        final boolean[] inputEnded;
        int cursor;
        long next;

        MergeAnyStepper(Run run, Node node) {
            super(run, node);
            this.inputEnded = new boolean[node.inputs().size()];
        }

        @Override
        void step() {
            for (int tries = 0; tries < inputEnded.length; tries++) {
                int i = cursor;
                cursor = (cursor + 1) % inputEnded.length;
                if (inputEnded[i]) {
                    continue;
                }
                Msg m = pull(i);
                if (m == null) {
                    inputEnded[i] = true;
                    continue;
                }
                if (m.payload != Markers.DROPPED) {
                    if (Markers.isValue(m.payload)) {
                        metrics.out++;
                    }
                    emit(0, next++, m.payload);
                }
                return;
            }
            end();
        }
    }

    private static final class SplitStepper extends Stepper {
        final SplitNode split;
        final Object[] routed;

        SplitStepper(Run run, SplitNode node) {
            super(run, node);
            this.split = node;
            this.routed = new Object[node.outputs().size()];
        }

        @Override
        void step() {
            Msg m = pull(0);
            if (m == null) {
                end();
                return;
            }
            if (!Markers.isValue(m.payload)) {
                emitAll(m.sequence, m.payload);
                return;
            }
            NodeLogic.split(split, m.sequence, m.payload, routed, metrics, run.state);
            for (int p = 0; p < routed.length; p++) {
                emit(p, m.sequence, routed[p]);
            }
        }
    }
}
