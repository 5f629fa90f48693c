package dev.framewire.core.process;

/**
 * The process engine cannot go on with a run: a node cannot cross the process boundary, a child cannot start, or a
 * node's children died more often than allowed. The message names the node and the reason.
 */
public class ProcessEngineException extends RuntimeException {
    public ProcessEngineException(String message) {
        super(message);
    }

    public ProcessEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
