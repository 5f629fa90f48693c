package dev.framewire.core.engine;

import dev.framewire.core.internal.BatchSpawner;
import dev.framewire.core.network.AsyncTransformNode;
import dev.framewire.core.network.Edge;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One run of the thread engine: wiring, starting, waiting, stopping, cleaning up, reporting. */
final class ThreadRun {
    private static final long JOIN_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Network network;
    private final RunOptions options;
    private final TransformExecutor executor;
    private final String engineName;
    private final RunState state;
    private final String threadPrefix;
    private final Map<Port, SpscChannel> channels = new HashMap<>();
    private final Map<Node, List<Runner>> runners = new LinkedHashMap<>();
    private final List<TransformStage> stages = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long started = System.nanoTime();

    ThreadRun(Network network, RunOptions options, TransformExecutor executor, String engineName) {
        this.network = network;
        this.options = options;
        this.executor = executor;
        this.engineName = engineName;
        this.state = new RunState(network.name(), options);
        this.threadPrefix = "framewire-" + network.name() + "-";
    }

    RunReport execute() {
        try {
            executor.start(network, options);
            wire();
            start();
            return await();
        } catch (RunException e) {
            throw e;
        } catch (Exception e) {
            stopAndClean();
            throw new RunFailedException("network '" + network.name() + "' could not start: " + e.getMessage(), null,
                    report(), e);
        } finally {
            stopAndClean();
            executor.close();
        }
    }

    private void wire() throws Exception {
        for (Edge e : network.edges()) {
            channels.put(e.to(), new SpscChannel(options.channelCapacity(), options.frameCapacity()));
        }
        for (Node node : network.nodes()) {
            runners.put(node, runnersFor(node));
        }
    }

    private List<Runner> runnersFor(Node node) throws Exception {
        return switch (node.kind()) {
            case SOURCE -> List.of(new SourceRunner((SourceNode) node, state, outlet(node.output())));
            case TRANSFORM -> transformRunners((TransformNode) node);
            case ASYNC_TRANSFORM -> {
                StagedTransformRunner r = new StagedTransformRunner(node, state, in(node.input()),
                        outlet(node.output()));
                r.attach(track(new AsyncStage((AsyncTransformNode) node, r)));
                yield List.of(r, r.collector);
            }
            case STREAM_TRANSFORM -> List.of(new StreamRunner((StreamTransformNode) node, state, in(node.input()),
                    outlet(node.output())));
            case SINK -> List.of(new SinkRunner((SinkNode) node, executor.sink((SinkNode) node), state, in(node.input())));
            case MERGE_SYNCH -> List.of(new MergeSynchRunner((MergeSynchNode) node, state, ins(node), outlet(node.output())));
            case MERGE_ANY -> List.of(new MergeAnyRunner(node, state, ins(node), outlet(node.output())));
            case SPLIT -> {
                Outlet[] outs = new Outlet[node.outputs().size()];
                for (int p = 0; p < outs.length; p++) {
                    outs[p] = outlet(node.outputs().get(p));
                }
                yield List.of(new SplitRunner((SplitNode) node, state, in(node.input()), outs));
            }
            case NETWORK_INPUT, NETWORK_OUTPUT -> throw new IllegalArgumentException("boundary node '" + node.name()
                    + "' cannot run");
        };
    }

    private List<Runner> transformRunners(TransformNode node) throws Exception {
        StagedTransformRunner staged = new StagedTransformRunner(node, state, in(node.input()), outlet(node.output()));
        TransformStage stage = executor.open(node, staged);
        if (stage == null && node.workers() == 1) {
            return List.of(new TransformRunner(node, state, in(node.input()), outlet(node.output())));
        }
        if (stage == null) {
            stage = new ReplicaStage(node, staged, threadPrefix);
        }
        staged.attach(track(stage), stage instanceof PolledStage polled ? polled : null);
        return staged.runners();
    }

    private TransformStage track(TransformStage stage) {
        TransformStage once = new ClosingOnce(stage);
        stages.add(once);
        return once;
    }

    private SpscChannel in(Port port) {
        return channels.get(port);
    }

    private SpscChannel[] ins(Node node) {
        SpscChannel[] ins = new SpscChannel[node.inputs().size()];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = channels.get(node.inputs().get(i));
        }
        return ins;
    }

    private Outlet outlet(Port port) {
        List<Edge> edges = network.edgesFrom(port);
        SpscChannel[] out = new SpscChannel[edges.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = channels.get(edges.get(i).to());
        }
        return new Outlet(out);
    }

    private void start() {
        List<Runner> all = runners.values().stream().flatMap(List::stream).toList();
        AtomicInteger remaining = new AtomicInteger(all.size());
        for (Runner r : all) {
            r.onExit(() -> {
                if (remaining.decrementAndGet() == 0) {
                    state.finished.countDown();
                }
            });
            Thread t = new Thread(r, threadPrefix + r.name);
            t.setDaemon(true);
            threads.add(t);
        }
        BatchSpawner.start(threads);
    }

    private RunReport await() {
        boolean finished;
        try {
            if (options.timeout() == null) {
                state.finished.await();
                finished = true;
            } else {
                finished = state.finished.await(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            state.stop();
            stopAndClean();
            Thread.currentThread().interrupt();
            throw new RunInterruptedException("run of network '" + network.name() + "' interrupted; every thread of the "
                    + "run has been stopped", report());
        }
        if (!finished) {
            List<BusyItem> busy = busyItems();
            state.stop();
            stopAndClean();
            throw new RunTimeoutException("run of network '" + network.name() + "' timed out after " + options.timeout()
                    + "; busy: " + (busy.isEmpty() ? "none (every node was waiting)"
                    : String.join("; ", busy.stream().map(BusyItem::toString).toList())), busy, report());
        }
        RunException failure = state.failure();
        if (failure != null) {
            stopAndClean();
            RunReport partial = report();
            if (failure instanceof RunFailedException f) {
                throw new RunFailedException(f.getMessage(), f.error(), partial, f.getCause());
            }
            throw new RunFailedException(failure.getMessage(), null, partial, failure);
        }
        joinAll();
        return report();
    }

    private List<BusyItem> busyItems() {
        List<BusyItem> busy = new ArrayList<>();
        for (List<Runner> list : runners.values()) {
            for (Runner r : list) {
                busy.addAll(r.busyItems());
            }
        }
        return busy;
    }

    private boolean cleaned;

    /** Stops every thread, closes every stage, joins, and releases what channels and windows still hold. */
    private void stopAndClean() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        boolean stopping = state.stopped() || state.finished.getCount() > 0;
        if (stopping) {
            state.stop();
            for (Thread t : threads) {
                t.interrupt();
            }
        }
        for (TransformStage s : stages) {
            try {
                s.close();
            } catch (RuntimeException e) {
                // closing must not hide why the run ended; the stage is gone either way
            }
        }
        joinAll();
        for (List<Runner> list : runners.values()) {
            for (Runner r : list) {
                r.releaseHeld();
            }
        }
        for (SpscChannel c : channels.values()) {
            c.drain(payload -> {
                if (Markers.isValue(payload)) {
                    FrameOwnership.release(payload);
                }
            });
        }
    }

    private void joinAll() {
        long deadline = System.nanoTime() + JOIN_NANOS;
        boolean interrupted = Thread.interrupted();
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private RunReport report() {
        List<NodeReport> nodes = new ArrayList<>();
        for (Node node : network.nodes()) {
            List<NodeMetrics> parts = new ArrayList<>();
            for (Runner r : runners.getOrDefault(node, List.of())) {
                parts.add(r.metrics);
            }
            nodes.add(NodeMetrics.report(node, parts));
        }
        Map<String, Object> extensions;
        try {
            extensions = executor.reportExtensions();
        } catch (RuntimeException e) {
            extensions = Map.of();
        }
        return new RunReport(network.name(), engineName, Duration.ofNanos(System.nanoTime() - started), nodes,
                state.errors(), state.errorCount(), extensions);
    }

    /** Makes {@link TransformStage#close()} idempotent: the collector closes at the end, the cleanup always. */
    private static final class ClosingOnce implements TransformStage {
        private final TransformStage stage;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        ClosingOnce(TransformStage stage) {
            this.stage = stage;
        }

        @Override
        public int maxInFlight() {
            return stage.maxInFlight();
        }

        @Override
        public void submit(long sequence, Object item) throws Exception {
            stage.submit(sequence, item);
        }

        @Override
        public void endOfInput() throws Exception {
            stage.endOfInput();
        }

        @Override
        public List<BusyItem> busy() {
            return stage.busy();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                stage.close();
            }
        }
    }
}
