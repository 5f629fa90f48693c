package dev.framewire.core.process;

import dev.framewire.core.engine.BusyItem;
import dev.framewire.core.engine.FrameOwnership;
import dev.framewire.core.engine.StageContext;
import dev.framewire.core.engine.TransformStage;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * Computes one transform node in child JVMs for the thread engine's coordinator: one coordinator thread per replica
 * takes items from a shared queue, hands each to its {@link RemoteWorker} (which waits for the child) and reports
 * the outcome through the {@link StageContext}.
 *
 * <p>An item's frames are released once the child computed it: the child read them from the payload arena, and its
 * result, if it holds frames, is a fresh copy.
 */
final class ProcessStage implements TransformStage {
    private static final Task END = new Task(-1, null);

    private record Task(long sequence, Object item) {
    }

    private final String node;
    private final StageContext context;
    private final List<RemoteWorker> workers;
    private final BlockingQueue<Task> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final Task[] current;
    private final int maxInFlight;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closed;

    private final int consumers;

    private final LongPredicate alreadyDelivered;

    /**
     * @param consumers        how many child-run nodes receive the same items as this one (its broadcast siblings
     *                         and itself)
     * @param alreadyDelivered items an interrupted earlier run delivered to every sink: dropped here, not computed
     */
    ProcessStage(ProcessRun run, TransformNode node, StageContext context, String threadPrefix, int consumers,
                 LongPredicate alreadyDelivered) {
        this.node = node.name();
        this.consumers = consumers;
        this.alreadyDelivered = alreadyDelivered;
        this.context = context;
        this.workers = new ArrayList<>();
        for (int r = 0; r < node.workers(); r++) {
            workers.add(run.worker(node.name(), r));
        }
        this.current = new Task[workers.size()];
        this.maxInFlight = 2 * workers.size();
        this.queue = new ArrayBlockingQueue<>(maxInFlight + workers.size());
        for (int r = 0; r < workers.size(); r++) {
            int replica = r;
            Thread t = new Thread(() -> serve(replica), threadPrefix + node.name() + "#" + r + "-child");
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public void submit(long sequence, Object item) throws InterruptedException {
        if (alreadyDelivered.test(sequence)) {
            FrameOwnership.release(item);
            context.completed(sequence, null);
            return;
        }
        if (closed) {
            throw new InterruptedException("stage closed");
        }
        Task task = new Task(sequence, item);
        inFlight.incrementAndGet();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        // close() may have drained the queue just before this put: take the task back (the coordinator then
        // releases the item), or close() released it
        if (closed && queue.remove(task)) {
            inFlight.decrementAndGet();
            throw new InterruptedException("stage closed");
        }
    }

    @Override
    public void endOfInput() throws InterruptedException {
        for (int r = 0; r < workers.size(); r++) {
            queue.put(END);
        }
    }

    private void serve(int replica) {
        RemoteWorker worker = workers.get(replica);
        try {
            while (true) {
                Task task = queue.take();
                if (task == END) {
                    return;
                }
                synchronized (current) {
                    current[replica] = task;
                }
                try {
                    Object result = worker.compute(task.sequence, task.item, consumers);
                    context.completed(task.sequence, result == RemoteWorker.DROPPED ? null : result);
                } catch (RemoteNodeException | ChildFailedException e) {
                    context.failed(task.sequence, e.getMessage());
                } catch (RemoteWorker.StoppedException e) {
                    return; // the stage is closing
                } catch (ProcessEngineException e) {
                    context.abortRun(e.getMessage(), e);
                    context.failed(task.sequence, e.getMessage());
                    return;
                } catch (IllegalStateException e) {
                    if (e.getCause() instanceof InterruptedException) {
                        return; // the stage is closing
                    }
                    context.failed(task.sequence, ItemError.describe(e));
                } catch (RuntimeException e) {
                    // an item no codec can encode, for instance
                    context.failed(task.sequence, ItemError.describe(e));
                } finally {
                    FrameOwnership.release(task.item);
                    synchronized (current) {
                        current[replica] = null;
                    }
                    inFlight.decrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            // the stage is closing
        }
    }

    @Override
    public List<BusyItem> busy() {
        List<BusyItem> busy = new ArrayList<>();
        synchronized (current) {
            for (int r = 0; r < current.length; r++) {
                Task t = current[r];
                if (t != null) {
                    busy.add(new BusyItem(node + "#" + r + " (child pid " + workers.get(r).pid() + ")", t.sequence,
                            BusyItem.describe(t.item)));
                }
            }
        }
        return busy;
    }

    /**
     * Stops the replica threads. If items are still in flight (the run stops early: timeout, fail-fast), their
     * children are killed at once rather than left computing.
     */
    @Override
    public void close() {
        closed = true;
        if (inFlight.get() > 0) {
            for (RemoteWorker w : workers) {
                w.stop();
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Task left;
        while ((left = queue.poll()) != null) {
            if (left != END) {
                FrameOwnership.release(left.item);
            }
        }
    }
}
