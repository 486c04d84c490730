package dev.ampulla.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange written byte for byte on a loopback socket: for what an HTTP client will not send (a declared
 * length without its body, a malformed chunk) or would race (an oversized body the server refuses from its headers).
 */
public final class RawHttp {
    private RawHttp() {}

    /** The answer: its status, and the whole text as received (head and body). */
    public record Answer(int status, String text) {
        /** The body after the blank line that ends the head. */
        public String body() {
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? "" : text.substring(end + 4);
        }
    }

    /** Sends the request as written, half-closes (the client sends nothing more) and reads until the server closes. */
    public static Answer exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            return answer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the request as written and reads until the server closes, sending nothing more but without half-closing:
     * to a server that waited for the rest of a declared body, the request would still be arriving.
     */
    public static Answer exchangeKeepingOutputOpen(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return answer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer answer(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(answer);
        String text = answer.toString(StandardCharsets.UTF_8);
        String[] statusLine = text.split("\r\n", 2)[0].split(" ");
        return new Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, text);
    }

    /** A POST of JSON declaring {@code declaredLength} bytes and carrying {@code body} (which may be shorter). */
    public static String jsonPost(String path, long declaredLength, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + declaredLength + "\r\n\r\n" + body;
    }
}
