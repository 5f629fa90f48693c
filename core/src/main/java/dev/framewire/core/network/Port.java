package dev.framewire.core.network;

import java.util.Objects;

/**
 * One port of a node, as the model sees it: which node, which port, which item type, which direction.
 * Ports are values; two equal ports are the same port. The item type is the class every message on the port is an
 * instance of; the process engine uses it to pick a binary codec.
 *
 * @param node      name of the node owning the port
 * @param name      port name within the node: {@code in}, {@code out}, {@code in0..in(n-1)} for merges, or the
 *                  output names of a Split
 * @param type      item type (boxed for primitives)
 * @param direction whether items enter or leave the node here
 */
public record Port(String node, String name, Class<?> type, Direction direction) {

    /** Whether a port receives items or emits them. */
    public enum Direction { IN, OUT }

    public Port {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(direction, "direction");
        type = Types.boxed(type);
    }

    /** {@code node.port}, the form used in messages and in {@link NetworkBuilder#connect(String, String)}. */
    public String qualifiedName() {
        return node + "." + name;
    }

    @Override
    public String toString() {
        return qualifiedName() + "<" + type.getSimpleName() + ">";
    }
}
