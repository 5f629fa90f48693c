package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a child reads to start its run: every field back as written, the function serialized once for all children. */
class ChildSpecTest {
    static final AtomicInteger SERIALIZED = new AtomicInteger();

    /** Adds a constant; counts how often Java serialization wrote it. */
    static final class AddFunction implements NodeFunction {
        private static final long serialVersionUID = 1L;
        private final int add;

        AddFunction(int add) {
            this.add = add;
        }

        @Override
        public Object apply(Object item) {
            return (Integer) item + add;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            SERIALIZED.incrementAndGet();
            out.defaultWriteObject();
        }
    }

    private static ChildSpec spec(ShippedFunction shipped, int replica, String keptChannels) {
        return new ChildSpec("decode", replica, 3 + replica, 5, shipped, "orders-decode-" + replica + "-g1",
                "results-decode-" + replica + "-g1", "../payloads.arena", 40L << 20, 12, true, keptChannels);
    }

    @Test
    void aSpecComesBackAsItWasWrittenWithAWorkingFunction() throws Exception {
        ShippedFunction shipped = new ShippedFunction("decode", new AddFunction(7), CodecRegistry.withDefaults());
        ChildSpec written = spec(shipped, 1, "../kept/decode-1");

        ChildSpec read = ChildSpec.fromBytes(written.toBytes());

        assertThat(read).usingRecursiveComparison().ignoringFields("shipped").isEqualTo(written);
        assertThat(read.function().apply(35)).isEqualTo(42);
        assertThat(read.registry()).isNotNull();
        ChildSpec withoutKeptChannels = ChildSpec.fromBytes(spec(shipped, 0, null).toBytes());
        assertThat(withoutKeptChannels.keptChannels()).isNull();
        assertThat(withoutKeptChannels.replica()).isZero();
    }

    @Test
    void everyChildOfANodeIsSentTheBytesOfOneSerialization() {
        ShippedFunction shipped = new ShippedFunction("decode", new AddFunction(1), CodecRegistry.withDefaults());
        int before = SERIALIZED.get();

        shipped.bytes(); // the check before the run
        for (int generation = 0; generation < 3; generation++) {
            spec(shipped, 0, null).toBytes();
            spec(shipped, 1, null).toBytes();
        }

        assertThat(SERIALIZED.get() - before).isEqualTo(1);
    }

    @Test
    void aFunctionThatCannotCrossTheBoundaryIsRefusedWithTheNodeName() {
        Socket socket = new Socket();
        NodeFunction holdsASocket = item -> socket.isClosed();
        ShippedFunction shipped = new ShippedFunction("upload", holdsASocket, CodecRegistry.withDefaults());

        assertThatThrownBy(shipped::bytes).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("node 'upload' cannot run in a child process: its function is not serializable")
                .hasMessageContaining("java.net.Socket");
    }

    @Test
    void bytesThatAreNotASpecAreRefused() {
        assertThatThrownBy(() -> ChildSpec.fromBytes(new byte[]{'n', 'o', 'p', 'e', 0, 0}))
                .isInstanceOf(IOException.class).hasMessage("not a child spec of this framewire version");
    }
}
