package dev.ampulla.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** A FHIR server's metric label is its origin only, and the number of labels is bounded. */
class ServerOriginsTest {

    @Test
    void theLabelIsSchemeHostAndPortWithoutPathOrQuery() {
        ServerOrigins origins = new ServerOrigins();
        assertEquals(
                "https://fhir.hospital.example:443",
                origins.label(URI.create("https://FHIR.hospital.example/api/FHIR/R4?patient=rc09")));
        assertEquals("http://127.0.0.1:8081", origins.label(URI.create("http://127.0.0.1:8081/fhir")));
        assertEquals("http://[::1]:80", origins.label(URI.create("http://[::1]/fhir")));
        assertEquals(ServerOrigins.OTHER, origins.label(URI.create("file:///etc/passwd")));
    }

    @Test
    void pastTheBoundEveryNewServerIsOther() {
        ServerOrigins origins = new ServerOrigins();
        for (int i = 0; i < ServerOrigins.MAX_ORIGINS; i++) {
            assertEquals("http://fhir" + i + ".test:80", origins.label(URI.create("http://fhir" + i + ".test/r4")));
        }
        assertEquals(ServerOrigins.OTHER, origins.label(URI.create("http://one-too-many.test/r4")));
        assertEquals(
                "http://fhir0.test:80",
                origins.label(URI.create("http://fhir0.test/other-path")),
                "a server already named keeps its label");
    }
}
