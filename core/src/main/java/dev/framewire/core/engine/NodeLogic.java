package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.MergeSynchNode;
import dev.framewire.core.network.SinkFunction;
import dev.framewire.core.network.SplitNode;

import java.util.Collection;
import java.util.function.Function;

/**
 * What a node does to one message, independent of how messages travel: the one place where drops, error outcomes,
 * type checks and frame ownership are decided, so every engine (and the process engine's coordinator) behaves the
 * same. Each method is called by the single thread running the node (or replica) and updates that thread's
 * {@link NodeMetrics}.
 */
final class NodeLogic {
    private NodeLogic() {
    }

    /**
     * Applies a transform function to a value.
     *
     * @return the result, {@link Markers#DROPPED} if the function returned null, or an {@link ErrorMark}
     */
    static Object transform(String node, Function<Object, Object> function, Class<?> outType, long sequence, Object item,
                            NodeMetrics metrics, RunState state) {
        boolean timed = metrics.startTiming();
        long start = timed ? System.nanoTime() : 0;
        Object result;
        try {
            result = function.apply(item);
        } catch (Throwable t) {
            rethrowFatal(t);
            if (timed) {
                metrics.timed(System.nanoTime() - start);
            }
            FrameOwnership.release(item);
            metrics.errors++;
            return state.error(ItemError.of(node, sequence, t));
        }
        if (timed) {
            metrics.timed(System.nanoTime() - start);
        }
        FrameOwnership.releaseConsumed(item, result);
        return checkResult(node, outType, sequence, result, metrics, state);
    }

    /** Turns what a function produced into a payload: null drops, a value of the wrong type is an error. */
    static Object checkResult(String node, Class<?> outType, long sequence, Object result, NodeMetrics metrics, RunState state) {
        if (result == null) {
            metrics.dropped++;
            return Markers.DROPPED;
        }
        if (!outType.isInstance(result)) {
            FrameOwnership.release(result);
            metrics.errors++;
            return state.error(typeError(node, outType, sequence, result));
        }
        metrics.out++;
        return result;
    }

    static ItemError typeError(String node, Class<?> outType, long sequence, Object result) {
        return new ItemError(node, sequence, "produced a " + result.getClass().getName() + " but its output is declared as "
                + outType.getName());
    }

    /**
     * Joins the payloads of one sequence number ({@code items[i]} from input i): an error on any input wins (the
     * first by port order), then a drop on any input, else the combination.
     */
    static Object mergeSynch(MergeSynchNode node, long sequence, Object[] items, NodeMetrics metrics, RunState state) {
        Object error = null;
        boolean dropped = false;
        for (Object item : items) {
            if (item instanceof ErrorMark && error == null) {
                error = item;
            } else if (item == Markers.DROPPED) {
                dropped = true;
            }
        }
        if (error != null || dropped) {
            for (Object item : items) {
                if (Markers.isValue(item)) {
                    FrameOwnership.release(item);
                }
            }
            if (error != null) {
                return error;
            }
            metrics.dropped++;
            return Markers.DROPPED;
        }
        boolean timed = metrics.startTiming();
        long start = timed ? System.nanoTime() : 0;
        Object combined;
        try {
            combined = node.combine(items);
        } catch (Throwable t) {
            rethrowFatal(t);
            for (Object item : items) {
                FrameOwnership.release(item);
            }
            metrics.errors++;
            return state.error(ItemError.of(node.name(), sequence, t));
        } finally {
            if (timed) {
                metrics.timed(System.nanoTime() - start);
            }
        }
        for (Object item : items) {
            FrameOwnership.releaseConsumed(item, combined);
        }
        return checkResult(node.name(), node.output().type(), sequence, combined, metrics, state);
    }

    /** The error outcome for an item of a MergeSynch that has no partner because another input ended. */
    static ErrorMark unmatched(MergeSynchNode node, long sequence, Object item, int endedInput, long endedLength,
                               NodeMetrics metrics, RunState state) {
        if (Markers.isValue(item)) {
            FrameOwnership.release(item);
        }
        metrics.errors++;
        return state.error(new ItemError(node.name(), sequence, "inputs of unequal length: " + node.inputs().get(endedInput)
                .qualifiedName() + " ended after " + endedLength + " items, so item #" + sequence + " has no partner there"));
    }

    /**
     * Routes a value of a split: fills {@code outs[i]} with the payload for output i (the value, or
     * {@link Markers#DROPPED} where it does not go), retaining frames for each extra output.
     */
    static void split(SplitNode node, long sequence, Object item, Object[] outs, NodeMetrics metrics, RunState state) {
        Collection<String> routes;
        boolean timed = metrics.startTiming();
        long start = timed ? System.nanoTime() : 0;
        try {
            routes = node.route(item);
            if (routes == null) {
                throw new IllegalStateException("router returned null; return an empty collection to drop");
            }
        } catch (Throwable t) {
            rethrowFatal(t);
            FrameOwnership.release(item);
            metrics.errors++;
            fill(outs, state.error(ItemError.of(node.name(), sequence, t)));
            return;
        } finally {
            if (timed) {
                metrics.timed(System.nanoTime() - start);
            }
        }
        java.util.Arrays.fill(outs, Markers.DROPPED);
        int chosen = 0;
        for (String route : routes) {
            int index = node.outputIndex(route);
            if (index < 0) {
                FrameOwnership.release(item);
                metrics.errors++;
                fill(outs, state.error(new ItemError(node.name(), sequence, "router chose unknown output '" + route
                        + "'; outputs are " + node.outputs().stream().map(p -> p.name()).toList())));
                return;
            }
            if (outs[index] == Markers.DROPPED) {
                outs[index] = item;
                chosen++;
            }
        }
        if (chosen == 0) {
            FrameOwnership.release(item);
            metrics.dropped++;
        } else {
            FrameOwnership.retain(item, chosen - 1);
            metrics.out++;
        }
    }

    private static void fill(Object[] outs, Object payload) {
        java.util.Arrays.fill(outs, payload);
    }

    /** Delivers one message to a sink; a sink that throws is recorded as an error of the sink. */
    static void sink(String node, SinkFunction<Object> function, long sequence, Object payload, NodeMetrics metrics,
                     RunState state) {
        metrics.in++;
        if (payload == Markers.DROPPED) {
            return;
        }
        boolean timed = metrics.startTiming();
        long start = timed ? System.nanoTime() : 0;
        try {
            if (payload instanceof ErrorMark mark) {
                function.onError(sequence, mark.error);
            } else {
                function.accept(sequence, payload);
                metrics.out++;
            }
        } catch (Throwable t) {
            rethrowFatal(t);
            metrics.errors++;
            state.error(ItemError.of(node, sequence, t));
        } finally {
            if (timed) {
                metrics.timed(System.nanoTime() - start);
            }
            if (!(payload instanceof ErrorMark)) {
                FrameOwnership.release(payload);
            }
        }
    }

    /** Tells a sink its input ended. */
    static void sinkEnd(String node, SinkFunction<Object> function, long sequence, NodeMetrics metrics, RunState state) {
        try {
            function.onEnd();
        } catch (Throwable t) {
            rethrowFatal(t);
            metrics.errors++;
            state.error(ItemError.of(node, sequence, t));
        }
    }

    /** Errors a run must not swallow: out of memory and the like (a stack overflow is an item's error). */
    static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }
}
