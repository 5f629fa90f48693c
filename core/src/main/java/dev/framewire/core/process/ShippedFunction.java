package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Objects;

/**
 * A node's function and the run's codecs as they cross to the node's children: serialized once (Java serialization,
 * the only use of it: messages use {@link CodecRegistry}) and the same bytes written into the spec of every replica
 * and every restarted child of the run.
 *
 * <p>Why once: serializing it again for each child, and once more to check it before the run, was most of what
 * Java serialization cost a coordinator, and kept its largest methods (which the JIT compiles for half a second of
 * CPU) hot from run to run in a warm engine.
 *
 * <p>Thread-safe: {@link #bytes} is computed at most once.
 */
final class ShippedFunction {
    private final String node;
    private final NodeFunction function;
    private final CodecRegistry registry;
    private byte[] bytes;

    ShippedFunction(String node, NodeFunction function, CodecRegistry registry) {
        this.node = Objects.requireNonNull(node, "node");
        this.function = Objects.requireNonNull(function, "function of node " + node);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private ShippedFunction(String node, NodeFunction function, CodecRegistry registry, byte[] bytes) {
        this(node, function, registry);
        this.bytes = bytes;
    }

    NodeFunction function() {
        return function;
    }

    CodecRegistry registry() {
        return registry;
    }

    /**
     * The serialized function and codecs (not to be modified).
     *
     * @throws IllegalArgumentException naming the node and the culprit when the function cannot cross the boundary
     */
    synchronized byte[] bytes() {
        if (bytes == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
                objects.writeObject(function);
                objects.writeObject(registry);
            } catch (NotSerializableException e) {
                throw new IllegalArgumentException("node '" + node + "' cannot run in a child process: its function is "
                        + "not serializable (it holds a " + e.getMessage() + "); use a serializable lambda or class", e);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("node '" + node + "' cannot run in a child process: " + e, e);
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }

    /** Reads what {@link #bytes} wrote, in a child. */
    static ShippedFunction read(String node, byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            NodeFunction function = (NodeFunction) in.readObject();
            CodecRegistry registry = (CodecRegistry) in.readObject();
            return new ShippedFunction(node, function, registry, bytes);
        }
    }
}
