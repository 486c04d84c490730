package dev.ampulla.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A loopback server that accepts connections and never answers, until closed: a FHIR server whose every search hangs,
 * so that the hook calls fetching from it hold their admission places for as long as a test needs.
 */
public final class StalledServer implements AutoCloseable {
    private final ServerSocket listening;
    private final List<Socket> held = new ArrayList<>();
    private boolean closed;
    private final Semaphore accepted = new Semaphore(0);

    public StalledServer() {
        try {
            listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    try {
                        while (true) {
                            Socket socket = listening.accept();
                            synchronized (held) {
                                if (closed) {
                                    socket.close();
                                    return;
                                }
                                held.add(socket);
                            }
                            accepted.release();
                        }
                    } catch (IOException e) {
                        // closed
                    }
                },
                "stalled-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A FHIR base URL on this server. */
    public String base() {
        return "http://127.0.0.1:" + listening.getLocalPort() + "/fhir";
    }

    /** Waits (at most 60 s) until a client has connected: from then on, that client is waiting for an answer. */
    public void awaitFirstConnection() throws InterruptedException {
        if (!accepted.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new AssertionError("no connection to the stalled server within 60 s");
        }
    }

    /** Ends every connection held (their clients see the connection end) and stops listening; closing does the same. */
    public void release() {
        try {
            listening.close();
            synchronized (held) {
                closed = true;
                for (Socket socket : held) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        release();
    }
}
