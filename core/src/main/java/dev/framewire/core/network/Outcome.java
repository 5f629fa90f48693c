package dev.framewire.core.network;

/**
 * What a sink receives for one sequence number when it asks for outcomes (see
 * {@link NetworkBuilder#outcomeSink}): either the value or the error that replaced it. Dropped items produce no
 * outcome.
 */
public sealed interface Outcome<T> {

    /** Sequence number of the item at the sink's input. */
    long sequence();

    /** A value that made it through. */
    record Value<T>(long sequence, T value) implements Outcome<T> {
    }

    /** An item that failed upstream (or in a MergeSynch); {@code error().sequence()} is where it failed. */
    record Failure<T>(long sequence, ItemError error) implements Outcome<T> {
    }
}
