package dev.aoi.infra.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A TCP proxy on 127.0.0.1 for outage tests: {@link #cut()} drops every open connection and refuses new ones,
 * as a database or broker going away would; {@link #restore()} lets traffic through again. Optionally a
 * {@link DelayRule} holds back some of what the server sends, to add latency to chosen protocol messages.
 */
public final class TcpProxy implements AutoCloseable {

    /**
     * Decides, for one connection's server-to-client stream, how long to hold each chunk before forwarding it.
     * One instance per connection, so it may keep state across chunks.
     */
    @FunctionalInterface
    public interface DelayRule {

        /** Nanoseconds to wait before forwarding {@code chunk[0, length)}; 0 forwards it at once. */
        long delayNanos(byte[] chunk, int length);
    }

    private static final Supplier<DelayRule> NO_DELAY = () -> (chunk, length) -> 0;

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Supplier<DelayRule> responseDelay;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, NO_DELAY);
    }

    /** A proxy that delays the server's replies as a fresh {@code responseDelay.get()} per connection says. */
    public TcpProxy(String targetHost, int targetPort, Supplier<DelayRule> responseDelay) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.responseDelay = responseDelay;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("no port for the proxy", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Drops all connections now and refuses new ones until {@link #restore()}. */
    public void cut() {
        up = false;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    public void restore() {
        up = true;
    }

    @Override
    public void close() {
        closed = true;
        cut();
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!up) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5000);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, NO_DELAY.get());
                pump(upstream, client, responseDelay.get());
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, DelayRule delay) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    long nanos = delay.delayNanos(buffer, n);
                    if (nanos > 0) {
                        TimeUnit.NANOSECONDS.sleep(nanos);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the other side closed, or cut() did
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
