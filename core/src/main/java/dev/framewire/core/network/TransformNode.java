package dev.framewire.core.network;

import dev.framewire.core.fn.SerializableFunction;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.function.Function;

/**
 * A function of one item. Returning {@code null} <b>drops</b> the item: nothing is emitted for it (a MergeSynch
 * downstream drops that sequence number too). Throwing makes an error outcome for the item, which flows on to the
 * sinks in its place.
 *
 * <p>The function comes in one of two forms: a {@linkplain #function() serializable instance} (shared by all
 * replicas, so it must be thread-safe when {@code workers > 1}), or a {@linkplain #factoryClass() factory class}
 * with a public no-argument constructor, instantiated once per replica (and once per child JVM by the process
 * engine) — the form for functions holding per-thread state or native resources.
 *
 * <p>With {@code workers(n)}, engines run n replicas and still emit results in input order.
 */
public final class TransformNode extends Node {
    private final SerializableFunction<Object, Object> function;
    private final Class<? extends Function<?, ?>> factoryClass;
    private final int workers;

    TransformNode(String name, Class<?> inType, Class<?> outType, SerializableFunction<Object, Object> function,
                  Class<? extends Function<?, ?>> factoryClass, int workers) {
        super(name, NodeKind.TRANSFORM, List.of(in(name, "in", inType)), List.of(out(name, "out", outType)));
        if ((function == null) == (factoryClass == null)) {
            throw new IllegalArgumentException("transform '" + name + "' needs exactly one of a function or a factory class");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("transform '" + name + "' needs at least 1 worker, got " + workers);
        }
        this.function = function;
        this.factoryClass = factoryClass;
        this.workers = workers;
    }

    @Override
    public int workers() {
        return workers;
    }

    TransformNode withWorkers(int n) {
        return new TransformNode(name(), input().type(), output().type(), function, factoryClass, n);
    }

    /** The function instance, or {@code null} in the factory-class form. */
    public SerializableFunction<Object, Object> function() {
        return function;
    }

    /** The factory class, or {@code null} in the instance form. */
    public Class<? extends Function<?, ?>> factoryClass() {
        return factoryClass;
    }

    /**
     * The function one replica calls: the shared instance, or a new instance of the factory class.
     *
     * @throws IllegalStateException naming the node if the factory class cannot be instantiated
     */
    @SuppressWarnings("unchecked")
    public Function<Object, Object> newFunction() {
        if (function != null) {
            return function;
        }
        try {
            Constructor<? extends Function<?, ?>> constructor = factoryClass.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Function<Object, Object>) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("transform '" + name() + "': cannot instantiate " + factoryClass.getName()
                    + ": " + ItemError.describe(cause), cause);
        }
    }

    /** Applies the function to one item, exactly as an engine does; {@code null} means dropped. */
    public Object apply(Object item) {
        return newFunction().apply(item);
    }

    @Override
    Node renamed(String newName) {
        return new TransformNode(newName, input().type(), output().type(), function, factoryClass, workers);
    }
}
