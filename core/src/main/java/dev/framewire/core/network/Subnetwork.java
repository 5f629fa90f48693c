package dev.framewire.core.network;

import java.util.Map;

/**
 * Wiring handle of a nested network. Its inner nodes were copied into the enclosing network under the names
 * {@code subnetwork/inner}; its ports stand for the inner ports its boundaries connect to.
 */
public final class Subnetwork {
    private final String name;
    private final Map<String, InPort<Object>> ins;
    private final Map<String, OutPort<Object>> outs;

    Subnetwork(String name, Map<String, InPort<Object>> ins, Map<String, OutPort<Object>> outs) {
        this.name = name;
        this.ins = Map.copyOf(ins);
        this.outs = Map.copyOf(outs);
    }

    public String name() {
        return name;
    }

    /** The input port {@code port}. @throws NetworkDefinitionException naming it if there is none */
    public InPort<Object> in(String port) {
        InPort<Object> in = ins.get(port);
        if (in == null) {
            throw new NetworkDefinitionException("unknown port '" + name + "." + port + "': '" + name + "' has inputs " + ins.keySet());
        }
        return in;
    }

    /** The output port {@code port}. @throws NetworkDefinitionException naming it if there is none */
    public OutPort<Object> out(String port) {
        OutPort<Object> out = outs.get(port);
        if (out == null) {
            throw new NetworkDefinitionException("unknown port '" + name + "." + port + "': '" + name + "' has outputs " + outs.keySet());
        }
        return out;
    }
}
