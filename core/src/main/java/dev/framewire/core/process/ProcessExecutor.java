package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.StageContext;
import dev.framewire.core.engine.TransformExecutor;
import dev.framewire.core.engine.TransformStage;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.Node;
import dev.framewire.core.network.NodeKind;
import dev.framewire.core.network.Port;
import dev.framewire.core.network.SinkFunction;
import dev.framewire.core.network.SinkNode;
import dev.framewire.core.network.TransformNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The process engine's part of a run: every plain transform node (and its {@code workers(n)} replicas) computes in
 * child JVMs; sources, merges, splits, stream and asynchronous transforms and sinks stay in the coordinator, which is
 * the thread engine's.
 *
 * <p>{@link #start} refuses, before anything starts, a node whose function cannot be shipped or whose declared
 * input or output type has no codec, naming the node and the reason.
 *
 * <p>With a kept run directory, every sink's deliveries are journaled there; resuming from it skips, at every
 * child-run transform, the items every sink already received, and at every sink what it already received.
 */
final class ProcessExecutor implements TransformExecutor {
    private final ProcessOptions options;
    private final CodecRegistry registry;
    private final Map<String, Integer> consumers = new HashMap<>();
    private final Map<String, DeliveryJournal> journals = new LinkedHashMap<>();
    private RunDirectory directory;
    private ProcessRun run;
    private LongPredicate alreadyDelivered = sequence -> false;
    /** A warm engine's pool, or null. */
    private final ChildPool pool;

    ProcessExecutor(ProcessOptions options, CodecRegistry registry) {
        this(options, registry, null);
    }

    /** With children from {@code pool} (whose run lock the caller holds), or null for children of this run only. */
    ProcessExecutor(ProcessOptions options, CodecRegistry registry, ChildPool pool) {
        this.options = options;
        this.registry = registry;
        this.pool = pool;
    }

    @Override
    public void start(Network network, RunOptions runOptions) {
        List<ProcessRun.Deployment> deployments = new ArrayList<>();
        for (Node node : network.nodes()) {
            if (node.kind() != NodeKind.TRANSFORM) {
                continue;
            }
            TransformNode t = (TransformNode) node;
            for (Port port : List.of(t.input(), t.output())) {
                String why = registry.whyNotEncodable(port.type());
                if (why != null) {
                    throw new IllegalArgumentException("node '" + t.name() + "' cannot run in a child process: port '"
                            + port.qualifiedName() + "': " + why);
                }
            }
            deployments.add(new ProcessRun.Deployment(t.name(), t.workers(), new TransformFunction(t)));
        }
        // broadcast siblings: child-run transforms fed by the same output share each frame's single copy
        Map<Port, Integer> fanOut = new HashMap<>();
        for (ProcessRun.Deployment d : deployments) {
            fanOut.merge(network.edgeInto(network.node(d.node()).input()).from(), 1, Integer::sum);
        }
        for (ProcessRun.Deployment d : deployments) {
            consumers.put(d.node(), fanOut.get(network.edgeInto(network.node(d.node()).input()).from()));
        }
        if (options.resumeFrom() != null) {
            for (Node node : network.nodes()) {
                if (node.kind() == NodeKind.STREAM_TRANSFORM || node.kind() == NodeKind.MERGE_ANY) {
                    throw new IllegalArgumentException("cannot resume network '" + network.name() + "': node '"
                            + node.name() + "' renumbers items, so sequence numbers do not name inputs across runs");
                }
            }
            directory = RunDirectory.reopen(options.resumeFrom());
        } else if (options.keepRunDirectory()) {
            directory = RunDirectory.create(options.resolvedRunDirectoryParent());
        }
        if (directory != null) {
            for (Node node : network.nodes()) {
                if (node.kind() == NodeKind.SINK) {
                    journals.put(node.name(), DeliveryJournal.open(directory, node.name(), registry));
                }
            }
            List<DeliveryJournal> all = List.copyOf(journals.values());
            alreadyDelivered = sequence -> !all.isEmpty() && all.stream().allMatch(j -> j.delivered(sequence));
        }
        if (!deployments.isEmpty()) {
            run = pool != null ? ProcessRun.startPooled(options, registry, deployments, pool)
                    : ProcessRun.start(options, registry, deployments, directory);
        }
    }

    @Override
    public TransformStage open(TransformNode node, StageContext context) {
        return run == null ? null : new ProcessStage(run, node, context,
                consumers.getOrDefault(node.name(), 1), alreadyDelivered);
    }

    @Override
    public SinkFunction<Object> sink(SinkNode node) {
        DeliveryJournal journal = journals.get(node.name());
        return journal == null ? node.function() : journal.wrap(node.function());
    }

    @Override
    public Map<String, Object> reportExtensions() {
        return run == null ? Map.of() : Map.of(ProcessReport.KEY, ProcessReport.of(run));
    }

    /** Ends every child (gracefully after a complete run; stages already killed those of an interrupted one). */
    @Override
    public void close() {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            journals.values().forEach(DeliveryJournal::close);
        }
    }
}
