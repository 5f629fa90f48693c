package dev.framewire.core.network;

/** Wiring handle of a source node. @param <T> item type */
public final class Source<T> {
    private final String name;
    private final OutPort<T> out;

    Source(String name, OutPort<T> out) {
        this.name = name;
        this.out = out;
    }

    public String name() {
        return name;
    }

    public OutPort<T> out() {
        return out;
    }
}
