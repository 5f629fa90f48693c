package dev.framewire.benchmarks.overhead;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.SequentialEngine;
import dev.framewire.core.engine.ThreadEngine;

import java.util.Arrays;
import java.util.List;

/** Shared by the overhead benchmarks: pre-boxed items (so boxing is not measured) and engine names. */
final class OverheadInputs {
    /** Items per benchmark invocation: enough to amortise starting and joining a run's threads. */
    static final int ITEMS = 1_000_000;

    private OverheadInputs() {
    }

    static List<Long> items() {
        Long[] items = new Long[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            items[i] = (long) i;
        }
        return Arrays.asList(items);
    }

    static Engine engine(String name) {
        return switch (name) {
            case "sequential" -> new SequentialEngine();
            case "threads" -> new ThreadEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'");
        };
    }
}
