package dev.framewire.core.network;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Building a network: what the model exposes, and every mistake named at build time. */
class NetworkBuilderTest {

    @Test
    void aBuiltNetworkIsAnIntrospectableGraphInTopologicalOrder() {
        NetworkBuilder b = Network.builder("photos");
        var files = b.source("files", String.class, List.of("a.jpg", "b.jpg"));
        var length = b.transform("length", files.out(), Integer.class, String::length).workers(3);
        var upper = b.transform("upper", files.out(), String.class, String::toUpperCase);
        var merged = b.mergeSynch("merge", length.out(), upper.out());
        b.sink("archive", merged.out(), m -> { });
        Network network = b.build();

        assertThat(network.nodes()).extracting(Node::name).containsExactly("files", "length", "upper", "merge", "archive");
        assertThat(network.node("length").workers()).isEqualTo(3);
        assertThat(network.node("length").kind()).isEqualTo(NodeKind.TRANSFORM);
        assertThat(network.node("merge").inputs()).extracting(Port::name, Port::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("in0", Integer.class),
                        org.assertj.core.groups.Tuple.tuple("in1", String.class));
        assertThat(network.edgesFrom(network.node("files").output())).hasSize(2); // broadcast
        assertThat(network.edgeInto(network.node("archive").input()).from().qualifiedName()).isEqualTo("merge.out");
    }

    @Test
    void nodeFunctionsAreCallableWithoutAnEngine() {
        NetworkBuilder b = Network.builder("n");
        var src = b.source("s", Integer.class, List.of(1));
        var t = b.transform("twice", src.out(), Integer.class, x -> x * 2);
        b.sink("k", t.out(), x -> { });
        TransformNode twice = (TransformNode) b.build().node("twice");
        assertThat(twice.apply(21)).isEqualTo(42);
    }

    @Test
    void lambdasWrittenByUsersAreSerializable() throws Exception {
        NetworkBuilder b = Network.builder("n");
        var src = b.source("s", Integer.class, List.of(1));
        int offset = 7;
        var t = b.transform("add", src.out(), Integer.class, x -> x + offset);
        b.sink("k", t.out(), x -> { });
        TransformNode add = (TransformNode) b.build().node("add");
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(add.function());
        }
    }

    public static final class Doubler implements Function<Integer, Integer> {
        @Override
        public Integer apply(Integer x) {
            return 2 * x;
        }
    }

    @Test
    void aFactoryClassTransformIsInstantiatedPerReplica() {
        NetworkBuilder b = Network.builder("n");
        var src = b.source("s", Integer.class, List.of(1));
        var t = b.transform("double", src.out(), Integer.class, Doubler.class).workers(2);
        b.sink("k", t.out(), x -> { });
        TransformNode node = (TransformNode) b.build().node("double");
        assertThat(node.factoryClass()).isEqualTo(Doubler.class);
        assertThat(node.newFunction()).isNotSameAs(node.newFunction());
        assertThat(node.apply(4)).isEqualTo(8);
    }

    @Test
    void duplicateNameIsNamed() {
        NetworkBuilder b = Network.builder("n");
        b.source("files", String.class, List.of());
        assertThatThrownBy(() -> b.source("files", String.class, List.of()))
                .isInstanceOf(NetworkDefinitionException.class)
                .hasMessageContaining("duplicate node name 'files'");
    }

    @Test
    void unknownPortIsNamed() {
        NetworkBuilder b = Network.builder("n");
        b.source("files", String.class, List.of());
        b.sink("archive", String.class, s -> { });
        assertThatThrownBy(() -> b.connect("files.pixels", "archive"))
                .isInstanceOf(NetworkDefinitionException.class)
                .hasMessageContaining("unknown port 'files.pixels'");
        assertThatThrownBy(() -> b.connect("files", "archiv"))
                .hasMessageContaining("unknown port 'archiv'").hasMessageContaining("no node named 'archiv'");
        var merge = b.mergeSynch("merge", String.class, String.class);
        assertThatThrownBy(() -> merge.in(2)).hasMessageContaining("unknown port 'merge.in2'");
    }

    @Test
    void unconnectedInputIsNamed() {
        NetworkBuilder b = Network.builder("n");
        var files = b.source("files", String.class, List.of());
        b.sink("archive", files.out(), s -> { });
        b.sink("dashboard", String.class, s -> { });
        assertThatThrownBy(b::build).isInstanceOf(NetworkDefinitionException.class)
                .hasMessage("input 'dashboard.in' is not connected");
    }

    @Test
    void unconnectedOutputIsNamed() {
        NetworkBuilder b = Network.builder("n");
        var files = b.source("files", String.class, List.of());
        b.transform("decode", files.out(), Integer.class, String::length);
        assertThatThrownBy(b::build).hasMessage("output 'decode.out' is not connected");
    }

    @Test
    void secondEdgeIntoAnInputIsRefused() {
        NetworkBuilder b = Network.builder("n");
        var a = b.source("a", String.class, List.of());
        var c = b.source("c", String.class, List.of());
        var sink = b.sink("archive", a.out(), s -> { });
        assertThatThrownBy(() -> b.connect(c.out(), sink.in()))
                .hasMessageContaining("input 'archive.in' is already connected to 'a.out'");
    }

    @Test
    void typeMismatchIsNamed() {
        NetworkBuilder b = Network.builder("n");
        b.source("files", String.class, List.of());
        b.sink("sizes", Integer.class, x -> { });
        b.connect("files", "sizes");
        assertThatThrownBy(b::build)
                .hasMessageContaining("type mismatch on edge 'files.out -> sizes.in'")
                .hasMessageContaining("java.lang.String").hasMessageContaining("java.lang.Integer");
    }

    @Test
    void cycleIsNamed() {
        NetworkBuilder b = Network.builder("n");
        var src = b.source("files", Integer.class, List.of(1));
        var join = b.mergeSynch("join", Integer.class, Integer.class);
        b.connect(src.out(), join.in(0));
        var again = b.transform("again", join.out(), Integer.class, pair -> pair.size());
        b.connect(again.out(), join.in(1));
        assertThatThrownBy(b::build).hasMessageContaining("cycle in network 'n'")
                .hasMessageContaining("'join' -> 'again' -> 'join'");
    }

    @Test
    void nestedNetworkIsFlattenedUnderItsName() {
        NetworkBuilder inner = Network.builder("analyze");
        var in = inner.input("numbers", Integer.class);
        var sq = inner.transform("square", in, Integer.class, x -> x * x);
        var neg = inner.transform("negate", in, Integer.class, x -> -x);
        var both = inner.mergeSynch("both", sq.out(), neg.out());
        inner.output("pairs", both.out());
        Network analyze = inner.build();

        NetworkBuilder b = Network.builder("outer");
        var src = b.source("numbers", Integer.class, List.of(1, 2));
        var sub = b.subnetwork("analyze", analyze);
        b.connect(src.out(), sub.in("numbers"));
        b.sink("out", sub.out("pairs"), x -> { });
        Network outer = b.build();

        assertThat(outer.nodes()).extracting(Node::name)
                .containsExactly("numbers", "analyze/square", "analyze/negate", "analyze/both", "out");
        assertThatThrownBy(analyze::checkRunnable).hasMessageContaining("input port 'numbers'");
        assertThatThrownBy(() -> sub.in("pixels")).hasMessageContaining("unknown port 'analyze.pixels'");
    }

    @Test
    void unconnectedInputOfNestedNetworkIsNamed() {
        NetworkBuilder inner = Network.builder("analyze");
        var in = inner.input("numbers", Integer.class);
        inner.output("same", inner.transform("id", in, Integer.class, x -> x).out());
        Network analyze = inner.build();
        NetworkBuilder b = Network.builder("outer");
        var sub = b.subnetwork("analyze", analyze);
        b.sink("out", sub.out("same"), x -> { });
        assertThatThrownBy(b::build).hasMessage("input 'analyze.numbers' of nested network is not connected");
    }
}
