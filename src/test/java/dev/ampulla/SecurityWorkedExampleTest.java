package dev.ampulla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.ampulla.security.TrustConfig;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md's worked example, run as written: OpenSSL makes a client's key pair and JWKS, a trust file names
 * it, and curl calls a running Ampulla with JWTs signed in the shell. If the document and Ampulla drift apart, this
 * fails. And the shipped trust file for the CDS Hooks sandbox pins the sandbox's jku to its published key.
 */
class SecurityWorkedExampleTest {
    private static final Path DOC = Path.of("docs/security.md");

    private static String block(String doc, String name) {
        Matcher m = Pattern.compile("<!-- worked-example:" + name + " -->\\s*```sh\\n(.*?)```", Pattern.DOTALL)
                .matcher(doc);
        assertTrue(m.find(), "docs/security.md has the worked-example:" + name + " block");
        return m.group(1);
    }

    private static String bash(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-eu", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the script ended");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theWorkedExampleRunsAsWritten() throws Exception {
        String doc = Files.readString(DOC);
        Path dir = Files.createTempDirectory("ampulla-worked-example");
        Files.createSymbolicLink(dir.resolve("fhir-examples"), Examples.root().toAbsolutePath());
        bash(dir, block(doc, "keys"));
        assertTrue(Files.exists(dir.resolve("trust.json")) && Files.exists(dir.resolve("example-ehr-jwks.json")));
        try (Application ampulla = TestServer.startWith(Map.of(
                "trust-file",
                dir.resolve("trust.json").toString(),
                "development-mode",
                "false",
                "public-base-url",
                "http://localhost:8080"))) {
            // the document's URLs, reaching this test's server on its own port
            String call = block(doc, "call")
                    .replace("curl ", "curl --connect-to localhost:8080:127.0.0.1:" + ampulla.port() + " ");
            List<String> lines = bash(dir, call).lines().toList();
            assertEquals(4, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).startsWith("{\"services\":["), lines.get(0));
            assertTrue(lines.get(1).startsWith("{\"cards\":["), lines.get(1));
            assertEquals(List.of("200", "401"), lines.subList(2, 4), "the replayed token is refused");
        }
    }

    @Test
    void theShippedSandboxTrustFilePinsTheSandboxsPublishedKey() throws Exception {
        TrustConfig trust = TrustConfig.load(Path.of("deploy/trust/cds-hooks-sandbox/trust.json"));
        assertEquals(1, trust.clients().size());
        TrustConfig.TrustedClient sandbox = trust.clients().get(0);
        assertEquals("https://sandbox.cds-hooks.org", sandbox.issuer());
        assertEquals(List.of(URI.create("https://sandbox.cds-hooks.org/.well-known/jwks.json")), sandbox.pinnedJku());
        assertTrue(sandbox.jkuAllowlist().isEmpty(), "nothing is fetched");
        ECKey key = (ECKey) sandbox.localKeys().getKeyByKeyId("44823f3d-0b01-4a6c-a80e-b9d3e8a7226f");
        assertEquals(Curve.P_384, key.getCurve());
        assertTrue(!key.isPrivate(), "only the public half is shipped");
    }
}
