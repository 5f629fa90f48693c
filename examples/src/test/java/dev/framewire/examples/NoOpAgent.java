package dev.framewire.examples;

/** A Java agent that does nothing: what an IDE's or a monitoring tool's agent is to the JVMs it is loaded into. */
public final class NoOpAgent {
    private NoOpAgent() {
    }

    public static void premain(String arguments) {
        // loaded, which is all a test of agent-launched JVMs needs
    }
}
