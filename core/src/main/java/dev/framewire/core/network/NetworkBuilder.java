package dev.framewire.core.network;

import dev.framewire.core.fn.AsyncFunction;
import dev.framewire.core.fn.Combiner3;
import dev.framewire.core.fn.SerializableConsumer;
import dev.framewire.core.fn.SerializableFunction;
import dev.framewire.core.fn.StreamFunction;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Wires a {@link Network}. Not thread-safe; one builder builds one network.
 *
 * <p>Every node factory comes in a <em>connected</em> form, taking the upstream {@link OutPort} (the usual way:
 * types are inferred and checked by the compiler), and most in an <em>unconnected</em> form taking class tokens,
 * wired later with {@link #connect(OutPort, InPort)} or {@link #connect(String, String)}. Using one output as the
 * input of several nodes broadcasts it.
 *
 * <p>Mistakes that concern one call (a duplicate name, an unknown port, an input connected twice) throw at once;
 * mistakes that concern the whole graph (an unconnected input or output, a type mismatch, a cycle) throw from
 * {@link #build()}. Both throw {@link NetworkDefinitionException} with a message naming the culprit.
 */
public final class NetworkBuilder {
    private final String name;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    /** inner input port fed by a nested network's boundary -> that boundary's name as seen outside */
    private final Map<Port, String> boundaryTargets = new HashMap<>();

    NetworkBuilder(String name) {
        this.name = checkName(name, "network");
    }

    // ---------------------------------------------------------------- sources

    /**
     * A source over an {@link Iterable}: every run iterates it afresh. A lambda {@code () -> iterator} is the
     * generator form.
     */
    public <T> Source<T> source(String name, Class<T> type, Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        return addSource(new SourceNode(name, type, items, false));
    }

    /** A source over an {@link Iterator}: the network can run once. */
    public <T> Source<T> source(String name, Class<T> type, Iterator<? extends T> items) {
        Objects.requireNonNull(items, "items");
        Iterable<T> once = () -> {
            @SuppressWarnings("unchecked") Iterator<T> it = (Iterator<T>) items;
            return it;
        };
        return addSource(new SourceNode(name, type, once, true));
    }

    /** A source over a {@link Stream}: the network can run once. */
    public <T> Source<T> source(String name, Class<T> type, Stream<? extends T> items) {
        Objects.requireNonNull(items, "items");
        Iterable<T> once = () -> {
            @SuppressWarnings("unchecked") Iterator<T> it = (Iterator<T>) items.iterator();
            return it;
        };
        return addSource(new SourceNode(name, type, once, true));
    }

    private <T> Source<T> addSource(SourceNode node) {
        add(node);
        return new Source<>(node.name(), outPort(node.output()));
    }

    // ---------------------------------------------------------------- transforms

    /**
     * A transform of one item; return {@code null} to drop the item. The function instance is shared by all
     * replicas.
     */
    public <I, O> Transform<I, O> transform(String name, Class<I> inType, Class<O> outType,
                                            SerializableFunction<? super I, ? extends O> function) {
        Objects.requireNonNull(function, "function");
        return addTransform(new TransformNode(name, inType, outType, erase(function), null, 1));
    }

    /** A transform connected to {@code input}; see {@link #transform(String, Class, Class, SerializableFunction)}. */
    public <I, O> Transform<I, O> transform(String name, OutPort<I> input, Class<O> outType,
                                            SerializableFunction<? super I, ? extends O> function) {
        Transform<I, O> t = transform(name, input.type(), outType, function);
        connect(input, t.in());
        return t;
    }

    /**
     * A transform whose function is a class with a public no-argument constructor, instantiated once per replica
     * (and once per child JVM by the process engine): the form for functions with per-thread state.
     */
    public <I, O> Transform<I, O> transform(String name, Class<I> inType, Class<O> outType,
                                            Class<? extends Function<? super I, ? extends O>> factoryClass) {
        Objects.requireNonNull(factoryClass, "factoryClass");
        checkFactory(name, factoryClass);
        @SuppressWarnings("unchecked")
        Class<? extends Function<?, ?>> factory = (Class<? extends Function<?, ?>>) (Class<?>) factoryClass;
        return addTransform(new TransformNode(name, inType, outType, null, factory, 1));
    }

    /** A factory-class transform connected to {@code input}. */
    public <I, O> Transform<I, O> transform(String name, OutPort<I> input, Class<O> outType,
                                            Class<? extends Function<? super I, ? extends O>> factoryClass) {
        Transform<I, O> t = transform(name, input.type(), outType, factoryClass);
        connect(input, t.in());
        return t;
    }

    /**
     * An asynchronous transform: {@code function} starts the work and returns a future; at most {@code maxInFlight}
     * are outstanding. Results keep input order; a future completed with {@code null} drops the item.
     */
    public <I, O> Transform<I, O> asyncTransform(String name, Class<I> inType, Class<O> outType, int maxInFlight,
                                                 AsyncFunction<? super I, ? extends O> function) {
        Objects.requireNonNull(function, "function");
        @SuppressWarnings("unchecked")
        AsyncFunction<Object, Object> erased = (AsyncFunction<Object, Object>) (AsyncFunction<?, ?>) function;
        return addTransform(new AsyncTransformNode(name, inType, outType, erased, maxInFlight));
    }

    /** An asynchronous transform connected to {@code input}. */
    public <I, O> Transform<I, O> asyncTransform(String name, OutPort<I> input, Class<O> outType, int maxInFlight,
                                                 AsyncFunction<? super I, ? extends O> function) {
        Transform<I, O> t = asyncTransform(name, input.type(), outType, maxInFlight, function);
        connect(input, t.in());
        return t;
    }

    /**
     * A stream-shaped transform: {@code function} maps the whole input stream to an output stream (batching,
     * de-duplication, windows). Outputs are numbered 0..m-1 afresh.
     */
    public <I, O> Transform<I, O> streamTransform(String name, Class<I> inType, Class<O> outType,
                                                  StreamFunction<I, O> function) {
        Objects.requireNonNull(function, "function");
        @SuppressWarnings("unchecked")
        StreamFunction<Object, Object> erased = (StreamFunction<Object, Object>) (StreamFunction<?, ?>) function;
        return addTransform(new StreamTransformNode(name, inType, outType, erased));
    }

    /** A stream-shaped transform connected to {@code input}. */
    public <I, O> Transform<I, O> streamTransform(String name, OutPort<I> input, Class<O> outType,
                                                  StreamFunction<I, O> function) {
        Transform<I, O> t = streamTransform(name, input.type(), outType, function);
        connect(input, t.in());
        return t;
    }

    private <I, O> Transform<I, O> addTransform(Node node) {
        add(node);
        return new Transform<>(this, node.name(), inPort(node.input()), outPort(node.output()));
    }

    void setWorkers(String node, int n) {
        Node existing = nodes.get(node);
        if (!(existing instanceof TransformNode transform)) {
            throw new NetworkDefinitionException("node '" + node + "' is a " + existing.kind()
                    + "; only a plain TRANSFORM has workers(n)");
        }
        if (n < 1) {
            throw new NetworkDefinitionException("transform '" + node + "' needs at least 1 worker, got " + n);
        }
        nodes.put(node, transform.withWorkers(n));
    }

    // ---------------------------------------------------------------- sinks

    /** A sink of values; error outcomes are ignored here (they are in the run report). */
    public <T> Sink<T> sink(String name, Class<T> type, SerializableConsumer<? super T> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return sinkFunction(name, type, (SinkFunction<T>) (sequence, item) -> consumer.accept(item));
    }

    /** A sink of values connected to {@code input}. */
    public <T> Sink<T> sink(String name, OutPort<T> input, SerializableConsumer<? super T> consumer) {
        Sink<T> s = sink(name, input.type(), consumer);
        connect(input, s.in());
        return s;
    }

    /** A sink of values and of error outcomes, connected to {@code input}. */
    public <T> Sink<T> sink(String name, OutPort<T> input, SerializableConsumer<? super T> consumer,
                            SerializableConsumer<? super ItemError> onError) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(onError, "onError");
        return sinkFunction(name, input, new SinkFunction<T>() {
            @Override
            public void accept(long sequence, T item) {
                consumer.accept(item);
            }

            @Override
            public void onError(long sequence, ItemError error) {
                onError.accept(error);
            }
        });
    }

    /**
     * A sink in its full form (values with sequence numbers, errors, end of stream). Named apart from
     * {@code sink} so that a method reference such as {@code list::add} is never ambiguous.
     */
    public <T> Sink<T> sinkFunction(String name, Class<T> type, SinkFunction<? super T> function) {
        Objects.requireNonNull(function, "function");
        @SuppressWarnings("unchecked")
        SinkFunction<Object> erased = (SinkFunction<Object>) (SinkFunction<?>) function;
        SinkNode node = new SinkNode(name, type, erased);
        add(node);
        return new Sink<>(node.name(), inPort(node.input()));
    }

    /** A sink in its full form, connected to {@code input}. */
    public <T> Sink<T> sinkFunction(String name, OutPort<T> input, SinkFunction<? super T> function) {
        Sink<T> s = sinkFunction(name, input.type(), function);
        connect(input, s.in());
        return s;
    }

    /**
     * A sink that receives every sequence number's {@link Outcome}, value or error, in sequence order: the form for
     * a sink that must account for every input (an archive naming the files that failed).
     */
    public <T> Sink<T> outcomeSink(String name, OutPort<T> input, SerializableConsumer<? super Outcome<T>> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return sinkFunction(name, input, new SinkFunction<T>() {
            @Override
            public void accept(long sequence, T item) {
                consumer.accept(new Outcome.Value<>(sequence, item));
            }

            @Override
            public void onError(long sequence, ItemError error) {
                consumer.accept(new Outcome.Failure<>(sequence, error));
            }
        });
    }

    // ---------------------------------------------------------------- merges and split

    /** Joins two inputs by sequence number into {@link Merged2}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A, B> Merge<Merged2<A, B>> mergeSynch(String name, OutPort<A> first, OutPort<B> second) {
        Merge<Merged2<A, B>> m = addMergeSynch(name, List.of(first.type(), second.type()), (Class) Merged2.class,
                items -> new Merged2<>(items[0], items[1]));
        connect(first, m.in(0));
        connect(second, m.in(1));
        return m;
    }

    /** Joins three inputs by sequence number into {@link Merged3}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <A, B, C> Merge<Merged3<A, B, C>> mergeSynch(String name, OutPort<A> first, OutPort<B> second, OutPort<C> third) {
        Merge<Merged3<A, B, C>> m = addMergeSynch(name, List.of(first.type(), second.type(), third.type()),
                (Class) Merged3.class, items -> new Merged3<>(items[0], items[1], items[2]));
        connect(first, m.in(0));
        connect(second, m.in(1));
        connect(third, m.in(2));
        return m;
    }

    /** Joins three inputs by sequence number and builds one value of them with {@code combiner}. */
    @SuppressWarnings("unchecked")
    public <A, B, C, R> Merge<R> mergeSynch(String name, OutPort<A> first, OutPort<B> second, OutPort<C> third,
                                            Class<R> outType, Combiner3<? super A, ? super B, ? super C, ? extends R> combiner) {
        Objects.requireNonNull(combiner, "combiner");
        Merge<R> m = addMergeSynch(name, List.of(first.type(), second.type(), third.type()), outType,
                items -> combiner.combine((A) items[0], (B) items[1], (C) items[2]));
        connect(first, m.in(0));
        connect(second, m.in(1));
        connect(third, m.in(2));
        return m;
    }

    /**
     * An unconnected MergeSynch of {@code inTypes.length} inputs emitting an immutable {@code List} (item i from
     * {@code in(i)}); wire its inputs with {@link #connect}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Merge<List<Object>> mergeSynch(String name, Class<?>... inTypes) {
        return addMergeSynch(name, Arrays.asList(inTypes), (Class) List.class, items -> List.of(items.clone()));
    }

    private <R> Merge<R> addMergeSynch(String name, List<Class<?>> inTypes, Class<R> outType,
                                       SerializableFunction<Object[], Object> combiner) {
        MergeSynchNode node = new MergeSynchNode(name, inTypes, outType, combiner);
        add(node);
        return merge(node);
    }

    /** Fans in {@code inputs} in arrival order. */
    @SafeVarargs
    public final <T> Merge<T> mergeAny(String name, Class<T> type, OutPort<? extends T>... inputs) {
        MergeAnyNode node = new MergeAnyNode(name, type, inputs.length);
        add(node);
        Merge<T> m = merge(node);
        for (int i = 0; i < inputs.length; i++) {
            connectPorts(inputs[i].port(), m.in(i).targets());
        }
        return m;
    }

    private <R> Merge<R> merge(Node node) {
        List<InPort<Object>> ins = new ArrayList<>();
        for (Port p : node.inputs()) {
            ins.add(inPort(p));
        }
        return new Merge<>(node.name(), ins, outPort(node.output()));
    }

    /**
     * Routes each item of {@code input} to the outputs {@code router} names among {@code outputs}.
     */
    public <T> Split<T> split(String name, OutPort<T> input,
                              SerializableFunction<? super T, ? extends Collection<String>> router, String... outputs) {
        Objects.requireNonNull(router, "router");
        if (outputs.length == 0) {
            throw new NetworkDefinitionException("split '" + name + "' needs at least one output");
        }
        Set<String> seen = new HashSet<>();
        for (String output : outputs) {
            checkName(output, "output of split '" + name + "'");
            if (!seen.add(output)) {
                throw new NetworkDefinitionException("split '" + name + "' has output '" + output + "' twice");
            }
        }
        @SuppressWarnings("unchecked")
        SerializableFunction<Object, ? extends Collection<String>> erased =
                (SerializableFunction<Object, ? extends Collection<String>>) (SerializableFunction<?, ?>) router;
        SplitNode node = new SplitNode(name, input.type(), List.of(outputs), erased);
        add(node);
        Map<String, OutPort<T>> outs = new LinkedHashMap<>();
        for (Port p : node.outputs()) {
            outs.put(p.name(), outPort(p));
        }
        Split<T> split = new Split<>(node.name(), inPort(node.input()), outs);
        connect(input, split.in());
        return split;
    }

    // ---------------------------------------------------------------- nesting

    /**
     * Declares an input port of this network, for use as a nested network: inside, items sent to the port come out
     * of the returned {@link OutPort}.
     */
    public <T> OutPort<T> input(String name, Class<T> type) {
        BoundaryNode node = new BoundaryNode(name, NodeKind.NETWORK_INPUT, type);
        add(node);
        return outPort(node.output());
    }

    /** Declares an output port of this network, for use as a nested network, fed by {@code from}. */
    public <T> void output(String name, OutPort<T> from) {
        BoundaryNode node = new BoundaryNode(name, NodeKind.NETWORK_OUTPUT, from.type());
        add(node);
        connect(from, inPort(node.input()));
    }

    /**
     * Nests {@code inner} (a network with {@link #input}/{@link #output} ports) as a node named {@code name}: its
     * nodes are copied in as {@code name/innerNode}, its ports become the ports of the returned handle.
     */
    public Subnetwork subnetwork(String name, Network inner) {
        checkName(name, "node");
        Map<String, List<Port>> inTargets = new LinkedHashMap<>();
        Map<String, Class<?>> inTypes = new HashMap<>();
        Map<String, OutPort<Object>> outs = new LinkedHashMap<>();
        for (Node node : inner.nodes()) {
            if (node.kind() == NodeKind.NETWORK_INPUT) {
                inTargets.put(node.name(), new ArrayList<>());
                inTypes.put(node.name(), node.output().type());
            } else if (node.kind() != NodeKind.NETWORK_OUTPUT) {
                add(node.renamed(name + "/" + node.name()));
            }
        }
        for (Edge edge : inner.edges()) {
            Node fromNode = inner.node(edge.from().node());
            Node toNode = inner.node(edge.to().node());
            if (fromNode.kind() == NodeKind.NETWORK_INPUT) {
                Port target = renamed(name, edge.to());
                inTargets.get(fromNode.name()).add(target);
                boundaryTargets.put(target, name + "." + fromNode.name());
            } else if (toNode.kind() == NodeKind.NETWORK_OUTPUT) {
                outs.put(toNode.name(), outPort(renamed(name, edge.from())));
            } else {
                edges.add(new Edge(renamed(name, edge.from()), renamed(name, edge.to())));
            }
        }
        Map<String, InPort<Object>> ins = new LinkedHashMap<>();
        inTargets.forEach((port, targets) ->
                ins.put(port, new InPort<>(new Port(name, port, inTypes.get(port), Port.Direction.IN), targets)));
        return new Subnetwork(name, ins, outs);
    }

    private static Port renamed(String prefix, Port p) {
        return new Port(prefix + "/" + p.node(), p.name(), p.type(), p.direction());
    }

    // ---------------------------------------------------------------- wiring

    /** Connects an output to an input. An output may have many edges (broadcast); an input only one. */
    public <T> void connect(OutPort<T> from, InPort<? super T> to) {
        connectPorts(from.port(), to.targets());
    }

    /**
     * Connects ports named {@code "node.port"}, or {@code "node"} for a node's only output or input; the form for
     * wiring from configuration. Types are checked by {@link #build()}.
     *
     * @throws NetworkDefinitionException naming the port if it does not exist
     */
    public void connect(String from, String to) {
        connectPorts(resolve(from, Port.Direction.OUT), List.of(resolve(to, Port.Direction.IN)));
    }

    private Port resolve(String ref, Port.Direction direction) {
        String nodeName = ref;
        String portName = null;
        int dot = ref.lastIndexOf('.');
        if (dot >= 0) {
            nodeName = ref.substring(0, dot);
            portName = ref.substring(dot + 1);
        }
        Node node = nodes.get(nodeName);
        String what = direction == Port.Direction.OUT ? "output" : "input";
        if (node == null) {
            throw new NetworkDefinitionException("unknown port '" + ref + "': no node named '" + nodeName + "' in network '"
                    + name + "' (nodes: " + nodes.keySet() + ")");
        }
        List<Port> ports = direction == Port.Direction.OUT ? node.outputs() : node.inputs();
        if (portName == null) {
            if (ports.size() != 1) {
                throw new NetworkDefinitionException("unknown port '" + ref + "': node '" + nodeName + "' has " + ports.size()
                        + " " + what + "s; name one of " + ports.stream().map(Port::name).toList());
            }
            return ports.get(0);
        }
        for (Port p : ports) {
            if (p.name().equals(portName)) {
                return p;
            }
        }
        throw new NetworkDefinitionException("unknown port '" + ref + "': node '" + nodeName + "' has no " + what + " named '"
                + portName + "' (" + what + "s: " + ports.stream().map(Port::name).toList() + ")");
    }

    private void connectPorts(Port from, List<Port> targets) {
        checkOwned(from);
        for (Port to : targets) {
            checkOwned(to);
            if (from.direction() != Port.Direction.OUT || to.direction() != Port.Direction.IN) {
                throw new NetworkDefinitionException("cannot connect '" + from.qualifiedName() + "' to '" + to.qualifiedName()
                        + "': edges go from an output to an input");
            }
            for (Edge e : edges) {
                if (e.to().equals(to)) {
                    throw new NetworkDefinitionException("input '" + to.qualifiedName() + "' is already connected to '"
                            + e.from().qualifiedName() + "'; fan in with mergeAny or mergeSynch");
                }
            }
            edges.add(new Edge(from, to));
        }
    }

    private void checkOwned(Port p) {
        Node node = nodes.get(p.node());
        boolean owned = node != null && (p.direction() == Port.Direction.IN ? node.inputs() : node.outputs()).contains(p);
        if (!owned) {
            throw new NetworkDefinitionException("unknown port '" + p.qualifiedName() + "': not a port of network '" + name + "'");
        }
    }

    private void add(Node node) {
        checkName(node.name(), "node");
        if (nodes.containsKey(node.name())) {
            throw new NetworkDefinitionException("duplicate node name '" + node.name() + "' in network '" + name + "'");
        }
        nodes.put(node.name(), node);
    }

    private static String checkName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new NetworkDefinitionException(what + " name must not be blank");
        }
        if (name.contains(".")) {
            throw new NetworkDefinitionException(what + " name '" + name + "' must not contain '.' (it separates node and port)");
        }
        return name;
    }

    private static void checkFactory(String name, Class<?> factoryClass) {
        if (Modifier.isAbstract(factoryClass.getModifiers())) {
            throw new NetworkDefinitionException("transform '" + name + "': factory class " + factoryClass.getName()
                    + " is abstract");
        }
        try {
            factoryClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new NetworkDefinitionException("transform '" + name + "': factory class " + factoryClass.getName()
                    + " has no no-argument constructor");
        }
    }

    @SuppressWarnings("unchecked")
    private static SerializableFunction<Object, Object> erase(SerializableFunction<?, ?> f) {
        return (SerializableFunction<Object, Object>) f;
    }

    @SuppressWarnings("unchecked")
    private static <T> OutPort<T> outPort(Port p) {
        return new OutPort<>(p);
    }

    @SuppressWarnings("unchecked")
    private static <T> InPort<T> inPort(Port p) {
        return new InPort<>(p);
    }

    // ---------------------------------------------------------------- build

    /**
     * Validates the graph and returns the immutable network.
     *
     * @throws NetworkDefinitionException naming the culprit: an input or output left unconnected, an edge whose
     *                                    types cannot match, or a cycle
     */
    public Network build() {
        if (nodes.isEmpty()) {
            throw new NetworkDefinitionException("network '" + name + "' has no nodes");
        }
        Set<Port> connectedIns = new HashSet<>();
        Set<Port> connectedOuts = new HashSet<>();
        for (Edge e : edges) {
            connectedIns.add(e.to());
            connectedOuts.add(e.from());
            if (!Types.accepts(e.to().type(), e.from().type())) {
                throw new NetworkDefinitionException("type mismatch on edge '" + e + "': '" + e.from().qualifiedName()
                        + "' emits " + e.from().type().getName() + ", '" + e.to().qualifiedName() + "' accepts "
                        + e.to().type().getName());
            }
        }
        for (Node node : nodes.values()) {
            for (Port in : node.inputs()) {
                if (!connectedIns.contains(in)) {
                    String boundary = boundaryTargets.get(in);
                    throw new NetworkDefinitionException(boundary != null
                            ? "input '" + boundary + "' of nested network is not connected"
                            : "input '" + in.qualifiedName() + "' is not connected");
                }
            }
            for (Port out : node.outputs()) {
                if (!connectedOuts.contains(out)) {
                    throw new NetworkDefinitionException("output '" + out.qualifiedName() + "' is not connected");
                }
            }
        }
        return new Network(name, topologicalOrder(), edges);
    }

    /** Kahn's algorithm; on a cycle, finds one and names it. */
    private List<Node> topologicalOrder() {
        Map<String, List<String>> successors = new HashMap<>();
        Map<String, Integer> indegree = new HashMap<>();
        for (String n : nodes.keySet()) {
            successors.put(n, new ArrayList<>());
            indegree.put(n, 0);
        }
        for (Edge e : edges) {
            successors.get(e.from().node()).add(e.to().node());
            indegree.merge(e.to().node(), 1, Integer::sum);
        }
        Deque<String> ready = new ArrayDeque<>();
        for (String n : nodes.keySet()) {
            if (indegree.get(n) == 0) {
                ready.add(n);
            }
        }
        List<Node> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(nodes.get(n));
            for (String s : successors.get(n)) {
                if (indegree.merge(s, -1, Integer::sum) == 0) {
                    ready.add(s);
                }
            }
        }
        if (order.size() < nodes.size()) {
            throw new NetworkDefinitionException("cycle in network '" + name + "': " + findCycle(successors, indegree));
        }
        return order;
    }

    private static String findCycle(Map<String, List<String>> successors, Map<String, Integer> indegree) {
        // every node left with indegree > 0 has a predecessor also left: walking predecessors must repeat a node
        Map<String, String> leftPredecessor = new HashMap<>();
        successors.forEach((from, tos) -> {
            if (indegree.get(from) > 0) {
                for (String to : tos) {
                    if (indegree.get(to) > 0) {
                        leftPredecessor.putIfAbsent(to, from);
                    }
                }
            }
        });
        String start = indegree.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted()
                .findFirst().orElseThrow();
        List<String> walk = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        String current = start;
        while (!position.containsKey(current)) {
            position.put(current, walk.size());
            walk.add(current);
            current = leftPredecessor.get(current);
        }
        List<String> cycle = new ArrayList<>(walk.subList(position.get(current), walk.size()));
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return String.join(" -> ", cycle.stream().map(n -> "'" + n + "'").toList());
    }
}
