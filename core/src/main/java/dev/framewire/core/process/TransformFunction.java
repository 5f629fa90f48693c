package dev.framewire.core.process;

import dev.framewire.core.fn.SerializableFunction;
import dev.framewire.core.network.TransformNode;

import java.lang.reflect.Constructor;
import java.util.function.Function;

/**
 * A transform node's function as a child runs it: the serializable instance itself, or the factory class,
 * instantiated once in the child (so native resources and per-instance state live in the child).
 */
final class TransformFunction implements NodeFunction {
    private final String node;
    private final SerializableFunction<Object, Object> function;
    private final Class<? extends Function<?, ?>> factoryClass;
    private transient Function<Object, Object> instance;

    TransformFunction(TransformNode node) {
        this.node = node.name();
        this.function = node.function();
        this.factoryClass = node.factoryClass();
    }

    @Override
    public Object apply(Object item) throws Exception {
        return instance().apply(item);
    }

    @SuppressWarnings("unchecked")
    private Function<Object, Object> instance() throws ReflectiveOperationException {
        if (instance == null) {
            if (function != null) {
                instance = function;
            } else {
                Constructor<? extends Function<?, ?>> constructor = factoryClass.getDeclaredConstructor();
                constructor.setAccessible(true);
                instance = (Function<Object, Object>) constructor.newInstance();
            }
        }
        return instance;
    }

    @Override
    public String toString() {
        return "function of node '" + node + "'";
    }
}
