package dev.ampulla.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body of at most {@code limit} bytes. With a {@code Content-Length} it reads into one array of
 * exactly that size (reading "up to the limit" in chunks costs about ten times the body in garbage); without one,
 * it reads in chunks.
 */
final class BodyReader {
    private BodyReader() {}

    /** The body, or null when it is larger than the limit. */
    static byte[] read(InputStream in, long declaredLength, long limit) throws IOException {
        if (declaredLength >= 0) {
            byte[] body = new byte[(int) declaredLength];
            int n = in.readNBytes(body, 0, body.length);
            if (n < body.length) {
                return Arrays.copyOf(body, n); // the client sent less than it declared
            }
            return in.read() == -1 ? body : null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        byte[] chunk = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(chunk)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }
}
