package dev.framewire.core.network;

import dev.framewire.core.fn.SerializableFunction;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins one item from each of its n inputs ({@code in0..in(n-1)}) by sequence number and emits them together,
 * combined by {@link #combine(Object[])} (into a {@link Merged2}, {@link Merged3}, a {@code List}, or a record
 * built by the user's combiner).
 *
 * <p>For each sequence number: an error outcome on any input makes an error outcome (the first input's error, in
 * port order); otherwise a drop on any input drops the sequence number; otherwise the items are combined. When
 * inputs have unequal lengths, each item left without partners becomes an error outcome of this node whose message
 * names the input that ended early and how many items it had.
 */
public final class MergeSynchNode extends Node {
    private final SerializableFunction<Object[], Object> combiner;

    MergeSynchNode(String name, List<Class<?>> inTypes, Class<?> outType, SerializableFunction<Object[], Object> combiner) {
        super(name, NodeKind.MERGE_SYNCH, ports(name, inTypes), List.of(out(name, "out", outType)));
        if (inTypes.size() < 2) {
            throw new IllegalArgumentException("MergeSynch '" + name + "' needs at least 2 inputs, got " + inTypes.size());
        }
        this.combiner = combiner;
    }

    static List<Port> ports(String name, List<Class<?>> types) {
        List<Port> ports = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            ports.add(in(name, "in" + i, types.get(i)));
        }
        return ports;
    }

    /**
     * Combines the items of one sequence number, {@code items[i]} from {@code in(i)}. The array may be reused by the
     * caller after this returns; the combiner must not keep it.
     */
    public Object combine(Object[] items) {
        return combiner.apply(items);
    }

    public SerializableFunction<Object[], Object> combiner() {
        return combiner;
    }

    @Override
    Node renamed(String newName) {
        return new MergeSynchNode(newName, inputs().stream().<Class<?>>map(Port::type).toList(), output().type(), combiner);
    }
}
