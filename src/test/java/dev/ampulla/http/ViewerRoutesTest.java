package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ampulla.support.TestServer;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card viewer's own routes over HTTP: its icon and what it reads of the knowledge pack. */
class ViewerRoutesTest {

    @Test
    void theIconIsServedWhereBrowsersLookForIt() {
        for (String path : List.of("/favicon.ico", "/viewer/favicon.svg")) {
            given().port(TestServer.port()).get(path).then()
                    .statusCode(200)
                    .contentType(startsWith("image/svg+xml"))
                    .body(startsWith("<svg"));
        }
        given().port(TestServer.port()).get("/").then().statusCode(200)
                .body(containsString("<link rel=\"icon\" href=\"/viewer/favicon.svg\""));
    }

    @Test
    void knowledgeGivesTopicDisplaysAndThePathwayPlanDefinitionsByPhase() {
        JsonPath k = given().port(TestServer.port()).get("/viewer/knowledge").then()
                .statusCode(200).contentType(startsWith("application/json")).extract().jsonPath();
        assertEquals("Stage IV, resectable: founding-document options", k.getString("topics.'stage-iv-resectable'"));
        assertEquals("Rectal cancer stage", k.getString("topics.'stage-summary'"));
        assertEquals(List.of("untreated", "preoperative-treatment", "watch-and-wait", "resected",
                "postoperative-treatment", "recurrence", "metachronous-metastases"), k.getList("phases.code"));
        Map<String, Object> r6 = k.getMap("plans.find { it.rule == 'R6' }");
        assertEquals("rectal-pathway-r6", r6.get("id"));
        assertEquals(List.of("untreated"), r6.get("phases"));
        assertEquals(List.of("Preoperative radiotherapy", "Surgery"), k.getList(
                "plans.find { it.rule == 'R6' }.steps.title"));
        assertEquals(List.of("untreated", "preoperative-treatment"), k.getList(
                "plans.find { it.rule == 'R4' }.phases"));
        assertEquals(3, k.getList("plans.find { it.rule == 'R3' }.steps[0].options").size());
        assertFalse(k.getList("plans.rule").contains("R1"), "only pathway rules are PlanDefinitions");
    }

}
