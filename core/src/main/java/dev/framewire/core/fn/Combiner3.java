package dev.framewire.core.fn;

import java.io.Serializable;

/** Builds one value from the three items a MergeSynch joined for a sequence number (e.g. a verdict record). */
@FunctionalInterface
public interface Combiner3<A, B, C, R> extends Serializable {
    R combine(A first, B second, C third);
}
