package dev.framewire.core.network;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Yields the items of a stream, numbered 0..n-1. The end of the iterator is the end of the stream: no null and no
 * sentinel value is ever a message.
 *
 * <p>A source built from an {@link Iterable} (including a lambda {@code () -> iterator}, the generator form) opens
 * a fresh iterator for every run, so the network can run any number of times. A source built from an
 * {@link Iterator} or a {@link java.util.stream.Stream} can run once; a second run fails with its name.
 */
public final class SourceNode extends Node {
    private final Iterable<?> items;
    private final boolean oneShot;
    private final AtomicBoolean opened;

    SourceNode(String name, Class<?> type, Iterable<?> items, boolean oneShot) {
        this(name, type, items, oneShot, new AtomicBoolean());
    }

    private SourceNode(String name, Class<?> type, Iterable<?> items, boolean oneShot, AtomicBoolean opened) {
        super(name, NodeKind.SOURCE, List.of(), List.of(out(name, "out", type)));
        this.items = items;
        this.oneShot = oneShot;
        this.opened = opened;
    }

    /** Declared item type. */
    public Class<?> type() {
        return output().type();
    }

    /**
     * Opens the items for one run.
     *
     * @throws IllegalStateException if this one-shot source (Iterator or Stream) was already opened
     */
    public Iterator<?> open() {
        if (oneShot && !opened.compareAndSet(false, true)) {
            throw new IllegalStateException("source '" + name() + "' was built from an Iterator or Stream and has "
                    + "already run; build it from an Iterable to run the network again");
        }
        Iterator<?> iterator = items.iterator();
        if (iterator == null) {
            throw new IllegalStateException("source '" + name() + "' returned a null iterator");
        }
        return iterator;
    }

    /** Whether {@link #open()} may be called once only. */
    public boolean isOneShot() {
        return oneShot;
    }

    @Override
    Node renamed(String newName) {
        return new SourceNode(newName, type(), items, oneShot, opened);
    }
}
