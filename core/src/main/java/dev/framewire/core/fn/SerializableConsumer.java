package dev.framewire.core.fn;

import java.io.Serializable;
import java.util.function.Consumer;

/** A {@link Consumer} that is {@link Serializable}. */
@FunctionalInterface
public interface SerializableConsumer<T> extends Consumer<T>, Serializable {
}
