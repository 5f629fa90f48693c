package dev.framewire.core.network;

import java.util.Objects;

/**
 * A typed handle on an output port while wiring. Using the same {@code OutPort} as the input of several nodes
 * broadcasts its items to all of them.
 *
 * @param <T> type of the items leaving the port
 */
public final class OutPort<T> {
    private final Port port;

    OutPort(Port port) {
        this.port = Objects.requireNonNull(port);
    }

    public Port port() {
        return port;
    }

    /** The declared item type. */
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) port.type();
    }

    @Override
    public String toString() {
        return port.toString();
    }
}
