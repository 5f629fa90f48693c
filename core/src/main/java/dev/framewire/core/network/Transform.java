package dev.framewire.core.network;

/**
 * Wiring handle of a transform (plain, asynchronous or stream-shaped).
 *
 * @param <I> input item type
 * @param <O> output item type
 */
public final class Transform<I, O> {
    private final NetworkBuilder builder;
    private final String name;
    private final InPort<I> in;
    private final OutPort<O> out;

    Transform(NetworkBuilder builder, String name, InPort<I> in, OutPort<O> out) {
        this.builder = builder;
        this.name = name;
        this.in = in;
        this.out = out;
    }

    public String name() {
        return name;
    }

    public InPort<I> in() {
        return in;
    }

    public OutPort<O> out() {
        return out;
    }

    /**
     * Runs {@code n} replicas of this (stateless) transform; its output order stays the input order. Only plain
     * transforms have replicas.
     *
     * @throws NetworkDefinitionException if {@code n < 1} or this is not a plain transform
     */
    public Transform<I, O> workers(int n) {
        builder.setWorkers(name, n);
        return this;
    }
}
