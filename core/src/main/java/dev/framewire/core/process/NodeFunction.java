package dev.framewire.core.process;

import java.io.Serializable;

/**
 * The computation a child runs on each item: the engine adapts a transform's function to this shape and ships it
 * to the child once, at start-up, by Java serialization (the way Flink ships user functions). Returning
 * {@code null} drops the item.
 */
@FunctionalInterface
public interface NodeFunction extends Serializable {
    Object apply(Object item) throws Exception;
}
