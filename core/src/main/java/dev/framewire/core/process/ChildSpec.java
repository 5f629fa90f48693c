package dev.framewire.core.process;

import dev.framewire.core.codec.CodecRegistry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Everything a child needs to run one replica of one node: shipped once, at start-up, by Java serialization
 * (the only use of it: messages use {@link CodecRegistry}).
 *
 * @param node           the node's name, for error messages
 * @param replica        which of the node's replicas
 * @param slot           the child's slot in the {@link ChildStatusTable}
 * @param slots          size of the status table
 * @param function       the computation
 * @param registry       the run's codecs
 * @param orders         channel of items for this child
 * @param results        channel of this child's outcomes
 * @param arena          file name of the run's {@link PayloadArena} (frames copied once for every reader)
 * @param arenaSlotBytes size of an arena slot
 * @param arenaSlots     number of arena slots
 * @param keepRunDirectory whether the run directory outlives the run (an orphaned child removes it otherwise)
 * @param keptChannels   where the channels' queues are, relative to the run directory, when they outlive the run (a
 *                       warm engine keeps a child's channels open from run to run); null: in the run directory
 */
public record ChildSpec(String node, int replica, int slot, int slots, NodeFunction function, CodecRegistry registry,
                        String orders, String results, String arena, long arenaSlotBytes, int arenaSlots,
                        boolean keepRunDirectory, String keptChannels)
        implements Serializable {

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

    /**
     * Serializes this spec.
     *
     * @throws IllegalArgumentException naming the node and the culprit when the function cannot cross the boundary
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("node '" + node + "' cannot run in a child process: its function is not "
                    + "serializable (it holds a " + e.getMessage() + "); use a serializable lambda or class", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("node '" + node + "' cannot run in a child process: " + e, e);
        }
        return bytes.toByteArray();
    }

    static ChildSpec fromBytes(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (ChildSpec) in.readObject();
        }
    }
}
