package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.support.TestServer;
import org.junit.jupiter.api.Test;

/** The knowledge pack as FHIR R4 is served at /knowledge/fhir (what it holds: FhirValidationTest). */
class KnowledgeFhirExportTest {

    @Test
    void theKnowledgePackIsServedAsAFhirBundleWhoseLibraryCarriesTheVersion() {
        given().port(TestServer.port())
                .get("/knowledge/fhir")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/fhir+json"))
                .body("resourceType", equalTo("Bundle"))
                .body("type", equalTo("collection"))
                .body(
                        "entry.resource.find { it.resourceType == 'Library' }.version",
                        equalTo(KnowledgePack.shipped().version()));
    }
}
