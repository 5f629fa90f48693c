package dev.framewire.examples.scorer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands items to a consumer in index order (0, 1, 2, ...) whatever order they arrive in, holding early ones until
 * the gap before them is filled. A sink wraps its work in one of these so its output is the same in every engine.
 * Holds at most as many items as are in flight ahead of the oldest missing one.
 *
 * <p>Not thread-safe: one sink thread.
 */
public final class InputOrder<T> {
    private final Consumer<T> next;
    private final Map<Integer, T> early = new HashMap<>();
    private int expected;

    public InputOrder(Consumer<T> next) {
        this.next = next;
    }

    /** @throws IllegalStateException if {@code index} was already delivered or is held */
    public void accept(int index, T item) {
        if (index < expected || early.containsKey(index)) {
            throw new IllegalStateException("item " + index + " arrived twice");
        }
        if (index != expected) {
            early.put(index, item);
            return;
        }
        next.accept(item);
        expected++;
        for (T held; (held = early.remove(expected)) != null; expected++) {
            next.accept(held);
        }
    }

    /** How many items were handed on. */
    public int delivered() {
        return expected;
    }

    /** How many arrived early and still wait for a gap to fill. */
    public int waiting() {
        return early.size();
    }
}
