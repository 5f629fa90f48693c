package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;

/** The payload of an error outcome. */
final class ErrorMark {
    final ItemError error;

    ErrorMark(ItemError error) {
        this.error = error;
    }

    @Override
    public String toString() {
        return "<error: " + error + ">";
    }
}
