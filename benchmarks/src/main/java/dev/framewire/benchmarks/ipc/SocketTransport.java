package dev.framewire.benchmarks.ipc;

import dev.framewire.core.process.JvmLauncher;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The operating system's baseline: a Unix-domain socket to an echo JVM. Each message is a 16-byte header (sequence,
 * send time) and the payload, copied into the kernel and out again; acknowledgements are 8 bytes.
 */
final class SocketTransport implements Transport {
    private final Path dir = Files.createTempDirectory("framewire-ipc-socket");
    private final Path socketPath = dir.resolve("echo.sock");
    private final ServerSocketChannel server;
    private final SocketChannel channel;
    private final Process echo;
    private final ByteBuffer message;
    private final ByteBuffer acks = ByteBuffer.allocateDirect(8 * 1024).order(ByteOrder.nativeOrder());
    private long acked = -1;

    SocketTransport(int payloadBytes) throws Exception {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        echo = JvmLauncher.processBuilder(JvmLauncher.javaCommand(IpcEcho.class.getName(), "socket", socketPath.toString(),
                Integer.toString(payloadBytes)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("echo.log").toFile()).start();
        channel = server.accept();
        channel.configureBlocking(true);
        message = ByteBuffer.allocateDirect(16 + payloadBytes).order(ByteOrder.nativeOrder());
    }

    @Override
    public void send(long sequence) throws IOException {
        message.clear();
        message.putLong(0, sequence).putLong(8, System.nanoTime());
        while (message.hasRemaining()) {
            channel.write(message);
        }
    }

    @Override
    public long acknowledged() throws IOException {
        channel.configureBlocking(false);
        try {
            while (channel.read(acks) > 0) {
                // take what is there
            }
        } finally {
            channel.configureBlocking(true);
        }
        acks.flip();
        while (acks.remaining() >= 8) {
            acked = acks.getLong();
        }
        acks.compact();
        return acked;
    }

    @Override
    public String finish() throws Exception {
        channel.shutdownOutput();
        if (!echo.waitFor(30, TimeUnit.SECONDS)) {
            echo.destroyForcibly();
            return "echo did not finish";
        }
        return Files.readString(dir.resolve("echo.log")).trim();
    }

    @Override
    public void close() throws Exception {
        echo.destroyForcibly();
        channel.close();
        server.close();
        Files.deleteIfExists(socketPath);
        Files.deleteIfExists(dir.resolve("echo.log"));
        Files.deleteIfExists(dir);
    }
}
