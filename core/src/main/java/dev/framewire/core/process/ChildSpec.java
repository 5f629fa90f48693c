package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Everything a child needs to run one replica of one node, written into the run directory for the child to read
 * when it starts its run: a few fields in a fixed binary layout, then the node's {@link ShippedFunction} (the
 * function and the run's codecs, serialized once for all the node's children).
 *
 * @param node           the node's name, for error messages
 * @param replica        which of the node's replicas
 * @param slot           the child's slot in the {@link ChildStatusTable}
 * @param slots          size of the status table
 * @param shipped        the computation and the run's codecs
 * @param orders         channel of items for this child
 * @param results        channel of this child's outcomes
 * @param arena          file name of the run's {@link PayloadArena} (frames copied once for every reader)
 * @param arenaSlotBytes size of an arena slot
 * @param arenaSlots     number of arena slots
 * @param keepRunDirectory whether the run directory outlives the run (an orphaned child removes it otherwise)
 * @param keptChannels   where the channels' queues are, relative to the run directory, when they outlive the run (a
 *                       warm engine keeps a child's channels open from run to run); null: in the run directory
 */
record ChildSpec(String node, int replica, int slot, int slots, ShippedFunction shipped,
                        String orders, String results, String arena, long arenaSlotBytes, int arenaSlots,
                        boolean keepRunDirectory, String keptChannels) {

    /** First bytes of a spec file: a child of another framewire version refuses it instead of misreading it. */
    private static final int MAGIC = 0x46575331; // "FWS1"

    /** Largest message expected on order and result channels: larger ones still work, through a copy. */
    static final long SMALL_CHANNEL_MESSAGE = 16L << 20;

    /**
     * Largest message expected on the results channel: a node's output may be a frame as large as the largest
     * payload (a decoder's), and a message that straddles two of a reader's mappings is copied out before it is
     * decoded, one more pass over a 36 MB frame.
     */
    long resultsChannelMessage() {
        return Math.max(SMALL_CHANNEL_MESSAGE, arenaSlotBytes);
    }

    /** The directory of the orders channel's queue, seen from {@code run}. */
    Path ordersChannel(RunDirectory run) {
        return keptChannels == null ? run.channel(orders) : keptChannelsDirectory(run).resolve("orders");
    }

    /** The directory of the results channel's queue, seen from {@code run}. */
    Path resultsChannel(RunDirectory run) {
        return keptChannels == null ? run.channel(results) : keptChannelsDirectory(run).resolve("results");
    }

    /** Normalized: runs in different directories name the same kept channels. */
    private Path keptChannelsDirectory(RunDirectory run) {
        return run.path().resolve(keptChannels).normalize();
    }

    /** The computation. */
    NodeFunction function() {
        return shipped.function();
    }

    /** The run's codecs. */
    CodecRegistry registry() {
        return shipped.registry();
    }

    /**
     * Serializes this spec.
     *
     * @throws IllegalArgumentException naming the node and the culprit when the function cannot cross the boundary
     */
    byte[] toBytes() {
        byte[] function = shipped.bytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(function.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(node);
            out.writeInt(replica);
            out.writeInt(slot);
            out.writeInt(slots);
            writeNullable(out, orders);
            writeNullable(out, results);
            out.writeUTF(arena);
            out.writeLong(arenaSlotBytes);
            out.writeInt(arenaSlots);
            out.writeBoolean(keepRunDirectory);
            writeNullable(out, keptChannels);
            out.writeInt(function.length);
            out.write(function);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static ChildSpec fromBytes(byte[] bytes) throws IOException, ClassNotFoundException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a child spec of this framewire version");
            }
            String node = in.readUTF();
            int replica = in.readInt();
            int slot = in.readInt();
            int slots = in.readInt();
            String orders = readNullable(in);
            String results = readNullable(in);
            String arena = in.readUTF();
            long arenaSlotBytes = in.readLong();
            int arenaSlots = in.readInt();
            boolean keepRunDirectory = in.readBoolean();
            String keptChannels = readNullable(in);
            byte[] function = new byte[in.readInt()];
            in.readFully(function);
            return new ChildSpec(node, replica, slot, slots, ShippedFunction.read(node, function), orders, results,
                    arena, arenaSlotBytes, arenaSlots, keepRunDirectory, keptChannels);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
