package dev.framewire.core.network;

import java.util.Map;

/** Wiring handle of a split node: one input, named outputs. @param <T> item type */
public final class Split<T> {
    private final String name;
    private final InPort<T> in;
    private final Map<String, OutPort<T>> outs;

    Split(String name, InPort<T> in, Map<String, OutPort<T>> outs) {
        this.name = name;
        this.in = in;
        this.outs = Map.copyOf(outs);
    }

    public String name() {
        return name;
    }

    public InPort<T> in() {
        return in;
    }

    /** The output named {@code output}. @throws NetworkDefinitionException naming it if there is none */
    public OutPort<T> out(String output) {
        OutPort<T> port = outs.get(output);
        if (port == null) {
            throw new NetworkDefinitionException("unknown port '" + name + "." + output + "': '" + name + "' has outputs "
                    + outs.keySet());
        }
        return port;
    }
}
