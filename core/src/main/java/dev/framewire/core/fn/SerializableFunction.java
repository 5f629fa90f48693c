package dev.framewire.core.fn;

import java.io.Serializable;
import java.util.function.Function;

/** A {@link Function} that is {@link Serializable}, so a lambda written against it can cross a process boundary. */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
