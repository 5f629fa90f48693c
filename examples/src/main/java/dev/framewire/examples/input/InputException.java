package dev.framewire.examples.input;

/** A folder or file the user named cannot be used at all (missing, not a folder); the message is one line. */
public final class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
