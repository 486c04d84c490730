package dev.ampulla.cli;

import dev.ampulla.Application;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.feedback.FeedbackStore;
import dev.ampulla.security.TrustConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What {@code serve} and {@code demo} need from the machine — a free port, a writable data directory, a readable and
 * valid trust file — checked before the knowledge pack, the store and the HTTP server are started, so that a wrong
 * setting ends the command at once with one line naming the setting to change.
 *
 * <p>Each check throws {@link IllegalArgumentException} with that line; the command line prints it and exits 2.
 */
public final class StartupCheck {
    private StartupCheck() {}

    /** Before {@code serve}. */
    public static void beforeServing(AmpullaConfig config) {
        port(config.host(), config.port());
        dataDirectory(config.store());
        trustFile(config.trustFile());
    }

    /** Before {@code demo}, whose in-memory FHIR server listens on 127.0.0.1, on the port after Ampulla's. */
    public static void beforeDemo(AmpullaConfig config) {
        port(config.host(), config.port());
        if (config.port() != 0 && listenProblem("127.0.0.1", config.port() + 1) != null) {
            throw new IllegalArgumentException("port " + (config.port() + 1) + " (the demo's FHIR server: --port"
                    + " + 1) is not free on 127.0.0.1; choose another with --port or AMPULLA_PORT");
        }
        dataDirectory(config.store());
        trustFile(config.trustFile());
    }

    /**
     * Starts Ampulla; when the port was taken between the check and the start, the failure becomes the same one line.
     * Any other failure keeps its stack trace.
     */
    public static Application started(AmpullaConfig config, Supplier<Application> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalArgumentException(
                            "port " + config.port() + " is already in use on " + config.host()
                                    + "; choose another with --port or AMPULLA_PORT",
                            e);
                }
            }
            throw e;
        }
    }

    static void port(String host, int port) {
        String problem = port == 0 ? null : listenProblem(host, port);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why Ampulla could not listen on this host and port, or null when it can. */
    private static String listenProblem(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return "host " + host + " is not a known address; choose another with --host or AMPULLA_HOST";
        }
        try (ServerSocket socket = new ServerSocket()) {
            // as Jetty binds: a port whose last connections are still closing counts as free
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (BindException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (reason.contains("in use")) {
                return "port " + port + " is already in use on " + host
                        + "; choose another with --port or AMPULLA_PORT";
            }
            if (reason.contains("permission") || reason.contains("access")) {
                return "port " + port + " on " + host + " needs privileges this user does not have; choose"
                        + " another with --port or AMPULLA_PORT";
            }
            if (reason.contains("assign")) {
                return "host " + host + " is not an address of this machine; choose another with --host or"
                        + " AMPULLA_HOST";
            }
            return "cannot listen on " + host + " port " + port + " (" + e.getMessage()
                    + "); choose another with --port or --host";
        } catch (IOException e) {
            return "cannot listen on " + host + " port " + port + " (" + e.getMessage()
                    + "); choose another with --port or --host";
        }
    }

    /** Creates the SQLite store's directory and file as start-up would, and checks they can be written. */
    static void dataDirectory(AmpullaConfig.Store store) {
        if (store.databaseUrl() != null) {
            return;
        }
        Path dir = store.dataDir();
        try {
            FeedbackStore.Settings.sqlite(dir, store.retention());
        } catch (UncheckedIOException e) {
            throw dataDirectoryProblem(dir, why(dir, e.getCause()));
        }
        Path file = dir.resolve(FeedbackStore.SQLITE_FILE);
        if (!Files.isWritable(dir) || !Files.isWritable(file)) {
            throw dataDirectoryProblem(dir, "no permission to write in it");
        }
    }

    private static IllegalArgumentException dataDirectoryProblem(Path dir, String why) {
        return new IllegalArgumentException("cannot use the data directory " + dir + ": " + why
                + "; choose another with --data-dir or AMPULLA_DATA_DIR");
    }

    /** Why a directory could not be created, from the nearest part of its path that exists. */
    private static String why(Path dir, IOException e) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            return existing + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "no permission to write in " + (existing == null ? dir : existing);
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }

    static void trustFile(Path file) {
        if (file == null) {
            return;
        }
        try {
            TrustConfig.load(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + "; fix it or choose another with --trust-file or AMPULLA_TRUST_FILE");
        }
    }
}
