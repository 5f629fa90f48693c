package dev.framewire.examples.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OS baseline: a Unix-domain stream socket (java.nio, {@link UnixDomainSocketAddress}). Every byte is copied
 * twice, into the kernel and out of it into the receiver's buffer; that is the price of the classic approach.
 * The receiver has the payload once it has read all of it.
 *
 * <p>With {@code --wait busy} both ends use non-blocking mode and spin on empty reads and full writes; with
 * {@code blocking} they block in the kernel.
 */
final class UnixSocketChannel {
    private UnixSocketChannel() {
    }

    /** Binds the socket (so a sender may connect) and returns a receiver that accepts on first use. */
    static ReceiveEndpoint receiver(Path socketFile, int messageBytes, WaitMode wait) {
        try {
            Files.deleteIfExists(socketFile);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socketFile));
            ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(messageBytes, IpcMessage.MIN_BYTES)).order(ByteOrder.nativeOrder());
            return new ReceiveEndpoint() {
                private SocketChannel channel;

                @Override
                public long receive(Received into) {
                    try {
                        if (channel == null) {
                            channel = server.accept();
                            channel.configureBlocking(wait == WaitMode.BLOCKING);
                        }
                        buffer.clear().limit(IpcMessage.HEADER_BYTES);
                        readFully();
                        into.sequence = buffer.getLong(IpcMessage.SEQUENCE);
                        into.intendedNanos = buffer.getLong(IpcMessage.INTENDED);
                        into.sentNanos = buffer.getLong(IpcMessage.SENT);
                        into.flags = buffer.getInt(IpcMessage.FLAGS);
                        into.length = buffer.getInt(IpcMessage.LENGTH);
                        if (into.length < IpcMessage.MIN_BYTES || into.length > buffer.capacity()) {
                            throw new IllegalStateException("message " + into.sequence + " claims " + into.length + " bytes");
                        }
                        buffer.limit(into.length);
                        readFully();
                        into.checkTail(buffer.getLong(into.length - IpcMessage.TAIL_BYTES));
                        return System.nanoTime();
                    } catch (IOException e) {
                        throw new UncheckedIOException("unix socket " + socketFile + ": " + e.getMessage(), e);
                    }
                }

                private void readFully() throws IOException {
                    int idle = 0;
                    while (buffer.hasRemaining()) {
                        int n = channel.read(buffer);
                        if (n < 0) {
                            throw new IOException("sender closed the socket mid-message");
                        }
                        if (n == 0) {
                            wait.idle(idle++);
                        }
                    }
                }

                @Override
                public void close() {
                    try {
                        if (channel != null) {
                            channel.close();
                        }
                        server.close();
                        Files.deleteIfExists(socketFile);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind unix socket " + socketFile + ": " + e.getMessage(), e);
        }
    }

    static SendEndpoint sender(Path socketFile, int messageBytes, WaitMode wait) {
        try {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketFile));
            channel.configureBlocking(wait == WaitMode.BLOCKING);
            ByteBuffer buffer = ByteBuffer.allocateDirect(messageBytes).order(ByteOrder.nativeOrder());
            for (int i = IpcMessage.HEADER_BYTES; i < messageBytes - IpcMessage.TAIL_BYTES; i++) {
                buffer.put(i, (byte) i);
            }
            return new SendEndpoint() {
                @Override
                public void send(long sequence, long intendedNanos, int flags) {
                    write(sequence, intendedNanos, System.nanoTime(), flags, messageBytes);
                }

                @Override
                public void sendEnd() {
                    long now = System.nanoTime();
                    write(IpcMessage.END, now, now, 0, IpcMessage.MIN_BYTES);
                }

                private void write(long sequence, long intended, long sent, int flags, int length) {
                    buffer.putLong(IpcMessage.SEQUENCE, sequence).putLong(IpcMessage.INTENDED, intended)
                            .putLong(IpcMessage.SENT, sent).putInt(IpcMessage.FLAGS, flags).putInt(IpcMessage.LENGTH, length)
                            .putLong(length - IpcMessage.TAIL_BYTES, sequence);
                    buffer.clear().limit(length);
                    try {
                        int idle = 0;
                        while (buffer.hasRemaining()) {
                            if (channel.write(buffer) == 0) {
                                wait.idle(idle++);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("unix socket " + socketFile + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to unix socket " + socketFile + ": " + e.getMessage(), e);
        }
    }
}
