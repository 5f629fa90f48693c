package dev.framewire.core.network;

import java.io.Serializable;

/** What a two-input MergeSynch emits: the items of one sequence number on {@code in(0)} and {@code in(1)}. */
public record Merged2<A, B>(A first, B second) implements Serializable {
}
