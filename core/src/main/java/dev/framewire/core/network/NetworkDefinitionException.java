package dev.framewire.core.network;

/** A network that cannot be built: the message names the node, port, edge or cycle at fault. */
public class NetworkDefinitionException extends IllegalArgumentException {
    public NetworkDefinitionException(String message) {
        super(message);
    }
}
