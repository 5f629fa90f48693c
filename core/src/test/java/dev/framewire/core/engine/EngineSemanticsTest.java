package dev.framewire.core.engine;

import dev.framewire.core.fn.SerializableFunction;
import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.network.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The semantics every engine keeps, run on each engine. */
class EngineSemanticsTest {

    static Stream<Engine> engines() {
        return Engines.all();
    }

    private static RunOptions options() {
        return RunOptions.defaults().withTimeout(java.time.Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void photoScorerShapeDeliversEveryVerdictInOrderToBothSinks(Engine engine) {
        PhotoScorerShape scorer = new PhotoScorerShape(50, -1);
        RunReport report = scorer.network.run(engine, options());

        List<String> expected = IntStream.range(0, 50).mapToObj(PhotoScorerShape::expectedVerdict).toList();
        assertThat(scorer.archive).extracting(o -> ((Outcome.Value<String>) o).value()).containsExactlyElementsOf(expected);
        assertThat(scorer.archive).extracting(Outcome::sequence).containsExactlyElementsOf(
                IntStream.range(0, 50).mapToObj(i -> (long) i).toList());
        assertThat(scorer.dashboard).containsExactlyElementsOf(expected);
        assertThat(report.errorCount()).isZero();
        assertThat(report.node("files").itemsOut()).isEqualTo(50);
        assertThat(report.node("verdict").itemsIn()).isEqualTo(150);
        assertThat(report.node("archive").itemsOut()).isEqualTo(50);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anItemThatFailsReachesTheSinksAsAnErrorAndTheRunGoesOn(Engine engine) {
        PhotoScorerShape scorer = new PhotoScorerShape(20, 7);
        RunReport report = scorer.network.run(engine, options());

        assertThat(scorer.archive).hasSize(20);
        Outcome<String> seventh = scorer.archive.get(7);
        assertThat(seventh).isInstanceOf(Outcome.Failure.class);
        ItemError error = ((Outcome.Failure<String>) seventh).error();
        assertThat(error).isEqualTo(new ItemError("exposure", 7, "IllegalArgumentException: truncated JPEG"));
        assertThat(scorer.archive.get(8)).isEqualTo(new Outcome.Value<>(8L, PhotoScorerShape.expectedVerdict(8)));
        assertThat(scorer.dashboard).hasSize(19);
        assertThat(scorer.dashboardErrors).containsExactly(error);
        assertThat(report.errors()).containsExactly(error);
        assertThat(report.node("exposure").errors()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void failFastStopsAtTheFirstErrorAndNamesIt(Engine engine) {
        PhotoScorerShape scorer = new PhotoScorerShape(1000, 7);
        assertThatThrownBy(() -> scorer.network.run(engine, options().withFailFast(true)))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("node 'exposure' failed on item #7: IllegalArgumentException: truncated JPEG")
                .satisfies(e -> assertThat(((RunFailedException) e).error().sequence()).isEqualTo(7));
        assertThat(scorer.archive.size()).isLessThan(1000);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void returningNullDropsAnItemAndMergeSynchDropsItsSequenceNumber(Engine engine) {
        NetworkBuilder b = Network.builder("drops");
        var numbers = b.source("numbers", Integer.class, List.of(1, 2, 3, 4, 5, 6));
        var odd = b.transform("oddOnly", numbers.out(), Integer.class, x -> x % 2 == 1 ? x : null);
        var square = b.transform("square", numbers.out(), Integer.class, x -> x * x);
        var pairs = b.mergeSynch("pair", odd.out(), square.out());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        b.sinkFunction("out", pairs.out(), (seq, m) -> seen.add(seq + ":" + m.first() + "^2=" + m.second()));
        RunReport report = b.build().run(engine, options());

        assertThat(seen).containsExactly("0:1^2=1", "2:3^2=9", "4:5^2=25");
        assertThat(report.node("oddOnly").dropped()).isEqualTo(3);
        assertThat(report.node("pair").dropped()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void mergeSynchReportsInputsOfUnequalLength(Engine engine) {
        NetworkBuilder b = Network.builder("mismatch");
        var longer = b.source("longer", Integer.class, List.of(0, 1, 2, 3, 4));
        var shorter = b.source("shorter", Integer.class, List.of(0, 1, 2));
        var pairs = b.mergeSynch("pair", longer.out(), shorter.out());
        List<Outcome<?>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", pairs.out(), outcomes::add);
        RunReport report = b.build().run(engine, options());

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.subList(0, 3)).allMatch(o -> o instanceof Outcome.Value);
        assertThat(outcomes.subList(3, 5)).allSatisfy(o -> assertThat(((Outcome.Failure<?>) o).error().message())
                .contains("inputs of unequal length: pair.in1 ended after 3 items"));
        assertThat(report.errors()).extracting(ItemError::sequence).containsExactly(3L, 4L);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSinkThatThrowsIsRecordedAndTheOtherItemsStillArrive(Engine engine) {
        NetworkBuilder b = Network.builder("sinkfail");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 10).boxed().iterator());
        List<Integer> kept = Collections.synchronizedList(new ArrayList<>());
        b.sink("picky", numbers.out(), x -> {
            if (x == 4) {
                throw new IllegalStateException("disk full");
            }
            kept.add(x);
        });
        RunReport report = b.build().run(engine, options());

        assertThat(kept).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 9);
        assertThat(report.errors()).containsExactly(new ItemError("picky", 4, "IllegalStateException: disk full"));
        assertThat(report.node("picky").errors()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSourceThatThrowsMidwayEndsItsStreamWithAnErrorOutcome(Engine engine) {
        NetworkBuilder b = Network.builder("sourcefail");
        Iterable<Integer> flaky = () -> new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 5) {
                    throw new IllegalStateException("camera unplugged");
                }
                return next++;
            }
        };
        var numbers = b.source("camera", Integer.class, flaky);
        var doubled = b.transform("double", numbers.out(), Integer.class, x -> 2 * x);
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", doubled.out(), outcomes::add);
        RunReport report = b.build().run(engine, options());

        assertThat(outcomes).hasSize(6);
        assertThat(outcomes.subList(0, 5)).extracting(o -> ((Outcome.Value<Integer>) o).value()).containsExactly(0, 2, 4, 6, 8);
        assertThat(outcomes.get(5)).isEqualTo(new Outcome.Failure<Integer>(5, new ItemError("camera", 5,
                "IllegalStateException: camera unplugged")));
        assertThat(report.node("double").itemsOut()).isEqualTo(5);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void splitRoutesAndMergeAnyFansIn(Engine engine) {
        NetworkBuilder b = Network.builder("route");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 100).boxed().iterator());
        var split = b.split("parity", numbers.out(), x -> x % 3 == 0 ? List.of("even", "odd") : List.of(x % 2 == 0 ? "even" : "odd"),
                "even", "odd");
        var evens = b.transform("tagEven", split.out("even"), String.class, x -> "e" + x);
        var odds = b.transform("tagOdd", split.out("odd"), String.class, x -> "o" + x);
        var all = b.mergeAny("all", String.class, evens.out(), odds.out());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
        b.sinkFunction("out", all.out(), (seq, s) -> {
            seen.add(s);
            sequences.add(seq);
        });
        b.build().run(engine, options());

        Set<String> expected = IntStream.range(0, 100).boxed().flatMap(x -> x % 3 == 0 ? Stream.of("e" + x, "o" + x)
                : Stream.of((x % 2 == 0 ? "e" : "o") + x)).collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sequences).containsExactlyElementsOf(IntStream.range(0, expected.size()).mapToObj(i -> (long) i).toList());
        assertThat(seen.stream().filter(s -> s.startsWith("e")).toList()).isSortedAccordingTo(
                java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(1))));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void streamTransformBatchesAndPassesErrorsOn(Engine engine) {
        NetworkBuilder b = Network.builder("batching");
        var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 10).boxed().iterator());
        var checked = b.transform("check", numbers.out(), Integer.class, x -> {
            if (x == 4) {
                throw new IllegalArgumentException("bad " + x);
            }
            return x;
        });
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<List<Integer>> listType = (Class) List.class;
        var batches = b.streamTransform("batch3", checked.out(), listType, in -> batches(in, 3));
        List<Outcome<List<Integer>>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", batches.out(), outcomes::add);
        b.build().run(engine, options());

        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Value).extracting(o -> ((Outcome.Value<List<Integer>>) o).value())
                .containsExactly(List.of(0, 1, 2), List.of(3, 5, 6), List.of(7, 8, 9));
        assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failure).singleElement()
                .satisfies(o -> assertThat(((Outcome.Failure<?>) o).error()).isEqualTo(new ItemError("check", 4,
                        "IllegalArgumentException: bad 4")));
        assertThat(outcomes).extracting(Outcome::sequence).containsExactly(0L, 1L, 2L, 3L);
    }

    static Stream<List<Integer>> batches(Stream<Integer> in, int size) {
        Iterator<Integer> it = in.iterator();
        Iterator<List<Integer>> out = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public List<Integer> next() {
                List<Integer> batch = new ArrayList<>(size);
                while (batch.size() < size && it.hasNext()) {
                    batch.add(it.next());
                }
                return List.copyOf(batch);
            }
        };
        return java.util.stream.StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(out, 0), false);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void asyncTransformKeepsInputOrder(Engine engine) {
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            NetworkBuilder b = Network.builder("async");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 200).boxed().iterator());
            var fetched = b.asyncTransform("fetch", numbers.out(), String.class, 8,
                    x -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        if (x == 13) {
                            throw new IllegalStateException("404");
                        }
                        return x % 10 == 0 ? null : "page" + x;
                    }, io));
            List<Outcome<String>> outcomes = Collections.synchronizedList(new ArrayList<>());
            b.outcomeSink("out", fetched.out(), outcomes::add);
            RunReport report = b.build().run(engine, options());

            List<String> expected = IntStream.range(0, 200).filter(x -> x % 10 != 0 && x != 13).mapToObj(x -> "page" + x).toList();
            assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Value).extracting(o -> ((Outcome.Value<String>) o).value())
                    .containsExactlyElementsOf(expected);
            assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Failure).extracting(Outcome::sequence).containsExactly(13L);
            assertThat(report.node("fetch").dropped()).isEqualTo(20);
        } finally {
            io.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aNestedNetworkRunsAsItsNodes(Engine engine) {
        NetworkBuilder inner = Network.builder("analyze");
        var in = inner.input("numbers", Integer.class);
        var sq = inner.transform("square", in, Integer.class, x -> x * x);
        var neg = inner.transform("negate", in, Integer.class, x -> -x);
        inner.output("pairs", inner.mergeSynch("both", sq.out(), neg.out()).out());
        Network analyze = inner.build();

        NetworkBuilder b = Network.builder("outer");
        var src = b.source("numbers", Integer.class, List.of(1, 2, 3));
        var sub = b.subnetwork("analyze", analyze);
        b.connect(src.out(), sub.in("numbers"));
        List<Object> seen = Collections.synchronizedList(new ArrayList<>());
        b.sink("out", sub.out("pairs"), seen::add);
        RunReport report = b.build().run(engine, options());

        assertThat(seen).hasToString("[Merged2[first=1, second=-1], Merged2[first=4, second=-2], Merged2[first=9, second=-3]]");
        assertThat(report.node("analyze/square").itemsOut()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aTransformProducingTheWrongTypeMakesAnErrorOutcome(Engine engine) {
        NetworkBuilder b = Network.builder("types");
        var src = b.source("words", Object.class, List.of("a", "b"));
        SerializableFunction<Object, Object> identity = x -> x;
        @SuppressWarnings({"unchecked", "rawtypes"})
        SerializableFunction<Object, Integer> liar = (SerializableFunction) identity;
        var t = b.transform("liar", src.out(), Integer.class, liar);
        List<Outcome<Integer>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", t.out(), outcomes::add);
        b.build().run(engine, options());
        assertThat(outcomes).hasSize(2).allSatisfy(o -> assertThat(((Outcome.Failure<?>) o).error().message())
                .isEqualTo("produced a java.lang.String but its output is declared as java.lang.Integer"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aNetworkFromAnIterableRunsAgainButOneFromAStreamRunsOnce(Engine engine) {
        NetworkBuilder b = Network.builder("once");
        var src = b.source("numbers", Integer.class, Stream.of(1, 2, 3));
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        b.sink("out", src.out(), seen::add);
        Network network = b.build();
        network.run(engine, options());
        assertThat(seen).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> network.run(engine, options())).hasMessageContaining("source 'numbers'")
                .hasMessageContaining("has already run");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void asyncTransformNeverHasMoreThanMaxInFlightOutstanding(Engine engine) {
        java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxOutstanding = new java.util.concurrent.atomic.AtomicInteger();
        try {
            NetworkBuilder b = Network.builder("inflight");
            var numbers = b.source("numbers", Integer.class, () -> IntStream.range(0, 300).boxed().iterator());
            var fetched = b.asyncTransform("fetch", numbers.out(), Integer.class, 3, x -> {
                maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                    outstanding.decrementAndGet();
                    return x;
                }, io);
            });
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            b.sink("out", fetched.out(), seen::add);
            b.build().run(engine, options());

            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 300).boxed().toList());
            assertThat(maxOutstanding.get()).isBetween(1, 3);
        } finally {
            io.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSinkFunctionHearsTheEndOfItsStreamOnceAfterTheLastItem(Engine engine) {
        NetworkBuilder b = Network.builder("end");
        var numbers = b.source("numbers", Integer.class, List.of(1, 2, 3));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        b.sinkFunction("out", numbers.out(), new dev.framewire.core.network.SinkFunction<Integer>() {
            @Override
            public void accept(long sequence, Integer item) {
                events.add(sequence + "=" + item);
            }

            @Override
            public void onEnd() {
                events.add("end");
            }
        });
        b.build().run(engine, options());
        assertThat(events).containsExactly("0=1", "1=2", "2=3", "end");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anErrorOnOneMergeSynchInputWinsOverADropOnAnother(Engine engine) {
        NetworkBuilder b = Network.builder("errordrop");
        var numbers = b.source("numbers", Integer.class, List.of(0, 1, 2));
        var dropsOne = b.transform("dropsOne", numbers.out(), Integer.class, x -> x == 1 ? null : x);
        var failsOne = b.transform("failsOne", numbers.out(), Integer.class, x -> {
            if (x == 1) {
                throw new IllegalStateException("boom");
            }
            return x;
        });
        List<Outcome<?>> outcomes = Collections.synchronizedList(new ArrayList<>());
        b.outcomeSink("out", b.mergeSynch("join", dropsOne.out(), failsOne.out()).out(), outcomes::add);
        b.build().run(engine, options());
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(1)).isEqualTo(new Outcome.Failure<>(1, new ItemError("failsOne", 1, "IllegalStateException: boom")));
    }
}
