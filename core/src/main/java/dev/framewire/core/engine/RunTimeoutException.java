package dev.framewire.core.engine;

import java.util.List;

/** A run that exceeded its timeout; the message names every node still busy and the item it held. */
public class RunTimeoutException extends RunException {
    private final List<BusyItem> busy;

    public RunTimeoutException(String message, List<BusyItem> busy, RunReport report) {
        super(message, report, null);
        this.busy = List.copyOf(busy);
    }

    public List<BusyItem> busy() {
        return busy;
    }
}
