package dev.framewire.core.process;

/** A node threw while computing an item in a child process; the message is the child's description of it. */
public class RemoteNodeException extends RuntimeException {
    public RemoteNodeException(String message) {
        super(message);
    }
}
