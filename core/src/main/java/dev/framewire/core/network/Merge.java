package dev.framewire.core.network;

import java.util.List;

/**
 * Wiring handle of a MergeSynch or MergeAny node: inputs {@code in(0..n-1)}, one output.
 *
 * @param <R> type of the items the merge emits
 */
public final class Merge<R> {
    private final String name;
    private final List<InPort<Object>> ins;
    private final OutPort<R> out;

    Merge(String name, List<InPort<Object>> ins, OutPort<R> out) {
        this.name = name;
        this.ins = List.copyOf(ins);
        this.out = out;
    }

    public String name() {
        return name;
    }

    /** Input port {@code i}. @throws NetworkDefinitionException naming the node if there is no such input */
    public InPort<Object> in(int i) {
        if (i < 0 || i >= ins.size()) {
            throw new NetworkDefinitionException("unknown port '" + name + ".in" + i + "': '" + name + "' has inputs in0..in"
                    + (ins.size() - 1));
        }
        return ins.get(i);
    }

    public int inputCount() {
        return ins.size();
    }

    public OutPort<R> out() {
        return out;
    }
}
