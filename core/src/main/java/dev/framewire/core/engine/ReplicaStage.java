package dev.framewire.core.engine;

import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The thread engine's own stage for {@code workers(n)}: n replica threads, each with its own function instance
 * (one per replica in the factory-class form), taking items from a shared queue. Results come back in completion
 * order; the coordinator restores input order. Meant for heavy items, so a lock per hand-off is acceptable here.
 */
final class ReplicaStage implements TransformStage {
    private static final Task END = new Task(-1, null);

    private final StageContext context;
    private final int maxInFlight;
    private final BlockingQueue<Task> queue;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private record Task(long sequence, Object item) {
    }

    ReplicaStage(TransformNode node, StageContext context, String threadNamePrefix) {
        this.context = context;
        int n = node.workers();
        this.maxInFlight = 2 * n;
        this.queue = new ArrayBlockingQueue<>(maxInFlight + n);
        for (int r = 0; r < n; r++) {
            Replica replica = new Replica(node.name() + "#" + r, node.newFunction());
            replicas.add(replica);
            Thread t = new Thread(replica, threadNamePrefix + node.name() + "#" + r);
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
        if (closed) {
            throw new InterruptedException("stage closed");
        }
        Task task = new Task(sequence, item);
        queue.put(task);
        // close() may have drained the queue just before this put: take the task back, or close() released it
        if (closed && queue.remove(task)) {
            throw new InterruptedException("stage closed");
        }
    }

    @Override
    public void endOfInput() throws InterruptedException {
        for (int r = 0; r < replicas.size(); r++) {
            queue.put(END);
        }
    }

    @Override
    public List<BusyItem> busy() {
        List<BusyItem> busy = new ArrayList<>();
        for (Replica r : replicas) {
            Task t = r.current;
            if (t != null) {
                busy.add(new BusyItem(r.name, t.sequence, BusyItem.describe(t.item)));
            }
        }
        return busy;
    }

    @Override
    public void close() {
        closed = true;
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

    private final class Replica implements Runnable {
        final String name;
        final Function<Object, Object> function;
        volatile Task current;

        Replica(String name, Function<Object, Object> function) {
            this.name = name;
            this.function = function;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Task task = queue.take();
                    if (task == END) {
                        return;
                    }
                    current = task;
                    Object result;
                    try {
                        result = function.apply(task.item);
                    } catch (Throwable t) {
                        NodeLogic.rethrowFatal(t);
                        current = null;
                        FrameOwnership.release(task.item);
                        context.failed(task.sequence, t);
                        continue;
                    }
                    current = null;
                    FrameOwnership.releaseConsumed(task.item, result);
                    context.completed(task.sequence, result);
                }
            } catch (InterruptedException e) {
                // the stage is closing
            }
        }
    }
}
