package dev.framewire.core.engine;

import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The thread engine's own stage for {@code workers(n)}: n replica threads, each with its own function instance
 * (one per replica in the factory-class form), taking items from a shared queue.
 */
final class ReplicaStage extends QueuedReplicaStage {
    private final StageContext context;
    private final String node;
    private final List<Function<Object, Object>> functions = new ArrayList<>();

    ReplicaStage(TransformNode node, StageContext context, String threadNamePrefix) {
        super(node.workers());
        this.context = context;
        this.node = node.name();
        for (int r = 0; r < node.workers(); r++) {
            functions.add(node.newFunction());
        }
        start(r -> threadNamePrefix + replicaName(r));
    }

    @Override
    protected String replicaName(int replica) {
        return node + "#" + replica;
    }

    @Override
    protected boolean process(int replica, long sequence, Object item) {
        Object result;
        try {
            result = functions.get(replica).apply(item);
        } catch (Throwable t) {
            NodeLogic.rethrowFatal(t);
            FrameOwnership.release(item);
            context.failed(sequence, t);
            return true;
        }
        FrameOwnership.releaseConsumed(item, result);
        context.completed(sequence, result);
        return true;
    }
}
