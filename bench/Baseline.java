import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.InputStream;

/**
 * The benchmark's yardstick: a Javalin endpoint that reads a CDS Hooks request body the same way Ampulla does,
 * parses it with Jackson, and returns one fixed card. Ampulla's throughput is reported as a ratio to this.
 */
public final class Baseline {
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        byte[] card = ("{\"cards\":[{\"uuid\":\"0b2f6c1e-6f0e-4d59-9a57-2f4f3c9b8d11\",\"summary\":\"Baseline card\","
                + "\"indicator\":\"info\",\"source\":{\"label\":\"Baseline\"}}]}").getBytes();
        Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = port;
            c.startup.showJavalinBanner = false;
            c.routes.post("/cds-services/{id}", ctx -> {
                long length = ctx.req().getContentLengthLong();
                byte[] body;
                try (InputStream in = ctx.req().getInputStream()) {
                    body = length >= 0 ? in.readNBytes((int) length) : in.readNBytes(2 * 1024 * 1024 + 1);
                }
                mapper.readTree(body);
                ctx.contentType("application/json").result(card);
            });
        }).start();
    }
}
