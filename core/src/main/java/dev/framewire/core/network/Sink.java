package dev.framewire.core.network;

/** Wiring handle of a sink node. @param <T> item type */
public final class Sink<T> {
    private final String name;
    private final InPort<T> in;

    Sink(String name, InPort<T> in) {
        this.name = name;
        this.in = in;
    }

    public String name() {
        return name;
    }

    public InPort<T> in() {
        return in;
    }
}
