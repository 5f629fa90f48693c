package dev.framewire.core.network;

import java.io.Serializable;
import java.util.Objects;

/**
 * Why one item failed: the node that failed, the item's sequence number at that node, and a one-line message.
 *
 * <p>An error outcome travels downstream in place of the item (later node functions are not called on it) and
 * reaches the sinks, which see it through {@link Outcome.Failure} or the error consumer of a sink.
 * In a network without renumbering nodes (stream transforms, MergeAny) the sequence number is the item's index in
 * its source, so a sink can name the input that failed.
 *
 * @param node     name of the node whose function failed (or that detected the problem, e.g. a MergeSynch)
 * @param sequence sequence number of the item at that node
 * @param message  one-line description, e.g. {@code "IOException: not an image"}
 */
public record ItemError(String node, long sequence, String message) implements Serializable {
    public ItemError {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(message, "message");
    }

    /** An error describing {@code failure} thrown by {@code node} on item {@code sequence}. */
    public static ItemError of(String node, long sequence, Throwable failure) {
        return new ItemError(node, sequence, describe(failure));
    }

    /** {@code "SimpleClassName: message"} on one line; the class name alone when there is no message. */
    public static String describe(Throwable failure) {
        String text = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        if (text == null || text.isBlank()) {
            return name;
        }
        return name + ": " + text.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public String toString() {
        return "node '" + node + "' failed on item #" + sequence + ": " + message;
    }
}
