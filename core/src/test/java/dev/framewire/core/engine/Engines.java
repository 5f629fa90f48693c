package dev.framewire.core.engine;

import java.util.stream.Stream;

/** The engines every behavioural test runs on. */
final class Engines {
    private Engines() {
    }

    static Stream<Engine> all() {
        return Stream.of(new SequentialEngine(), new ThreadEngine());
    }
}
