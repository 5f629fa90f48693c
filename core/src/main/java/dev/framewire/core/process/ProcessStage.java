package dev.framewire.core.process;

import dev.framewire.core.engine.FrameOwnership;
import dev.framewire.core.engine.StageContext;
import dev.framewire.core.engine.QueuedReplicaStage;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Computes one transform node in child JVMs for the thread engine's coordinator: one coordinator thread per replica
 * takes items from a shared queue, hands each to its {@link RemoteWorker} (which waits for the child) and reports
 * the outcome through the {@link StageContext}.
 *
 * <p>An item's frames are released once the child computed it: the child read them from the payload arena, and its
 * result, if it holds frames, is a fresh copy.
 */
final class ProcessStage extends QueuedReplicaStage {
    private final String node;
    private final StageContext context;
    private final List<RemoteWorker> workers = new ArrayList<>();
    private final int consumers;
    private final LongPredicate alreadyDelivered;

    /**
     * @param consumers        how many child-run nodes receive the same items as this one (its broadcast siblings
     *                         and itself)
     * @param alreadyDelivered items an interrupted earlier run delivered to every sink: dropped here, not computed
     */
    ProcessStage(ProcessRun run, TransformNode node, StageContext context, String threadPrefix, int consumers,
                 LongPredicate alreadyDelivered) {
        super(node.workers());
        this.node = node.name();
        this.consumers = consumers;
        this.alreadyDelivered = alreadyDelivered;
        this.context = context;
        for (int r = 0; r < node.workers(); r++) {
            workers.add(run.worker(node.name(), r));
        }
        start(r -> threadPrefix + node.name() + "#" + r + "-child");
    }

    @Override
    public void submit(long sequence, Object item) throws InterruptedException {
        if (alreadyDelivered.test(sequence)) {
            FrameOwnership.release(item);
            context.completed(sequence, null);
            return;
        }
        super.submit(sequence, item);
    }

    @Override
    protected boolean process(int replica, long sequence, Object item) {
        RemoteWorker worker = workers.get(replica);
        try {
            Object result = worker.compute(sequence, item, consumers);
            context.completed(sequence, result == RemoteWorker.DROPPED ? null : result);
            return true;
        } catch (RemoteNodeException | ChildFailedException e) {
            context.failed(sequence, e.getMessage());
            return true;
        } catch (RemoteWorker.StoppedException e) {
            return false; // the stage is closing
        } catch (ProcessEngineException e) {
            context.abortRun(e.getMessage(), e);
            context.failed(sequence, e.getMessage());
            return false;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InterruptedException) {
                return false; // the stage is closing
            }
            context.failed(sequence, ItemError.describe(e));
            return true;
        } catch (RuntimeException e) {
            // an item no codec can encode, for instance
            context.failed(sequence, ItemError.describe(e));
            return true;
        } finally {
            FrameOwnership.release(item);
        }
    }

    @Override
    protected String replicaName(int replica) {
        return node + "#" + replica + " (child pid " + workers.get(replica).pid() + ")";
    }

    /** If items are still in flight (the run stops early: timeout, fail-fast), their children are killed at once. */
    @Override
    protected void beforeClose(boolean itemsInFlight) {
        if (itemsInFlight) {
            for (RemoteWorker w : workers) {
                w.stop();
            }
        }
    }
}
