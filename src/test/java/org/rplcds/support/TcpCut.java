package org.rplcds.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder between the service and a server it depends on (its database), that a test can
 * cut, as a network outage does: every connection is closed and new ones are refused, until it is
 * restored on the same port.
 */
public final class TcpCut implements AutoCloseable {

    private final String host;
    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-cut");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket server;

    private TcpCut(String host, int target) throws IOException {
        this.host = host;
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** A forwarder to the host and port, listening on a free local port. */
    public static TcpCut to(String host, int port) throws IOException {
        return new TcpCut(host, port);
    }

    public int port() {
        return port;
    }

    /** Closes every connection and refuses new ones. */
    public void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public void restore() throws IOException {
        server = listen(port);
        accept(server);
    }

    @Override
    public void close() throws IOException {
        cut();
        threads.shutdownNow();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket listening) {
        threads.execute(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(host, target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // Closed: the cut, or the end of the test.
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        threads.execute(() -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // A side closed.
            } finally {
                close(from);
                close(to);
            }
        });
    }

    private void close(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
