package dev.framewire.core.fn;

import java.io.Serializable;
import java.util.function.Supplier;

/** A {@link Supplier} that is {@link Serializable}. */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
