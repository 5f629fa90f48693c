package dev.framewire.core.fn;

import java.io.Serializable;
import java.util.stream.Stream;

/**
 * A stream-shaped transform: consumes the whole input stream and yields an output stream, for stateful work such as
 * batching, de-duplication or windows (the Java form of a generator that iterates its input and yields).
 *
 * <p>The function is called once per run. The input stream is lazy and sequential: pulling an element may wait for
 * upstream. The output is consumed lazily too, so a function written with {@code map}/{@code filter}/
 * {@code flatMap} or a custom {@link java.util.Iterator} runs in constant memory.
 */
@FunctionalInterface
public interface StreamFunction<T, R> extends Serializable {
    Stream<R> apply(Stream<T> input);
}
