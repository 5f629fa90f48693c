package dev.framewire.core.network;

import java.io.Serializable;

/**
 * What a three-input MergeSynch emits: the items of one sequence number on {@code in(0)}, {@code in(1)},
 * {@code in(2)} (for the photo scorer: sharpness, exposure, composition of the same photo).
 */
public record Merged3<A, B, C>(A first, B second, C third) implements Serializable {
}
