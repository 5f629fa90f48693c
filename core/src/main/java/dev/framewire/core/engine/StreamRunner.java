package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.StreamTransformNode;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.StreamSupport;

/**
 * Runs a stream-shaped transform: the function pulls values from its input channel through a lazy stream; errors
 * arriving on the input go straight on (renumbered), drops vanish; outputs are numbered 0..m-1.
 */
final class StreamRunner extends Runner {
    private final StreamTransformNode stream;
    private long next;

    StreamRunner(StreamTransformNode node, RunState state, SpscChannel in, Outlet out) {
        super(node.name(), node, state, new SpscChannel[]{in}, new Outlet[]{out});
        this.stream = node;
    }

    @Override
    void body() {
        try {
            Spliterator<Object> input = Spliterators.spliteratorUnknownSize(new InputIterator(), Spliterator.ORDERED);
            Iterator<Object> output = stream.function().apply(StreamSupport.stream(input, false)).iterator();
            while (true) {
                busy(next, "the next output");
                boolean timed = metrics.startTiming();
                long start = timed ? System.nanoTime() : 0;
                if (!output.hasNext()) {
                    notBusy();
                    return;
                }
                Object item = output.next();
                notBusy();
                if (timed) {
                    metrics.timed(System.nanoTime() - start);
                }
                long sequence = next++;
                emit(0, sequence, NodeLogic.checkResult(name, node.output().type(), sequence, item, metrics, state));
            }
        } catch (Stopped stopped) {
            throw stopped;
        } catch (Throwable t) {
            NodeLogic.rethrowFatal(t);
            notBusy();
            if (state.stopped()) {
                throw Stopped.INSTANCE;
            }
            metrics.errors++;
            long sequence = next++;
            emit(0, sequence, state.error(ItemError.of(name, sequence, t)));
            SpscChannel in = ins[0];
            while (await(in)) {
                Object payload = in.take();
                if (Markers.isValue(payload)) {
                    FrameOwnership.release(payload);
                }
            }
        }
    }

    /** The function's view of the input: values only. Runs on this runner's thread, inside the function. */
    private final class InputIterator implements Iterator<Object> {
        private Object pending;
        private boolean done;

        @Override
        public boolean hasNext() {
            SpscChannel in = ins[0];
            while (pending == null && !done) {
                notBusy();
                if (!await(in)) {
                    done = true;
                    break;
                }
                in.peekSequence();
                Object payload = in.take();
                metrics.in++;
                if (payload instanceof ErrorMark) {
                    emit(0, next++, payload);
                } else if (payload != Markers.DROPPED) {
                    pending = payload;
                }
            }
            busy(next, "the next output");
            return pending != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object value = pending;
            pending = null;
            return value;
        }
    }
}
