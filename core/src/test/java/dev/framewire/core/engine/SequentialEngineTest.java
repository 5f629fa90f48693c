package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the sequential engine promises: the calling thread, and the same order every time. */
class SequentialEngineTest {

    private static Network fanIn(List<String> calls) {
        NetworkBuilder b = Network.builder("fanin");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 50).boxed().iterator());
        var split = b.split("route", numbers.out(), x -> List.of(x % 3 == 0 ? "fizz" : "other"), "fizz", "other");
        var fizz = b.transform("fizz", split.out("fizz"), String.class, x -> {
            calls.add("fizz " + x + " on " + Thread.currentThread().getName());
            return "F" + x;
        });
        var other = b.transform("other", split.out("other"), String.class, x -> {
            calls.add("other " + x + " on " + Thread.currentThread().getName());
            return "O" + x;
        });
        var all = b.mergeAny("all", String.class, fizz.out(), other.out());
        b.sink("out", all.out(), s -> calls.add("sink " + s));
        return b.build();
    }

    @Test
    void everyNodeRunsOnTheCallingThreadInTheSameOrderEveryTime() {
        List<String> first = new ArrayList<>();
        fanIn(first).runSequential();
        List<String> second = new ArrayList<>();
        fanIn(second).runSequential();

        assertThat(first).hasSize(100).isEqualTo(second);
        String me = Thread.currentThread().getName();
        assertThat(first).filteredOn(c -> !c.startsWith("sink")).allMatch(c -> c.endsWith(" on " + me));
    }

    @Test
    void anInterruptedCallerStopsTheRunBetweenItems() {
        NetworkBuilder b = Network.builder("selfinterrupt");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 1_000).boxed().iterator());
        List<Integer> seen = new ArrayList<>();
        b.sink("out", numbers.out(), x -> {
            seen.add(x);
            if (x == 10) {
                Thread.currentThread().interrupt();
            }
        });
        Network network = b.build();
        try {
            assertThatThrownBy(network::runSequential).isInstanceOf(RunInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(seen).hasSize(11);
        } finally {
            Thread.interrupted();
        }
    }
}
