package dev.ampulla.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.support.Examples;
import dev.ampulla.support.TestServer;
import java.util.List;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/**
 * Card text holds values from the patient's record and the orders. However an EHR renders the Markdown —
 * CommonMark, or with GitHub-flavoured autolinks of {@code www.}, URLs and e-mail addresses — no such value may become
 * a link or an image a clinician could follow from a card they trust.
 */
class CardMarkdownTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<org.commonmark.Extension> GFM_AUTOLINKS = List.of(AutolinkExtension.create());

    @Test
    void noValueFromTheRecordBecomesALink() throws Exception {
        String request = Examples.read(Examples.request("order-sign", "01-rt-upper-rectum"))
                .replace("rc04-primary", "www.rectal-pathway-update.example"); // a valid FHIR id
        ObjectNode body = (ObjectNode) JSON.readTree(request);
        ((ObjectNode) body.at("/context/draftOrders/entry/0/resource/code"))
                .put(
                        "text",
                        "Radiotherapy, protocol at https://pathway-update.example/rt, questions to admin@pathway.example,"
                                + " ![x](https://pathway-update.example/x.png)");
        String answer = given().port(TestServer.port())
                .contentType("application/json")
                .body(body.toString())
                .post("/cds-services/rectal-cancer-order-sign")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode cards = JSON.readTree(answer).get("cards");
        assertTrue(cards.size() >= 2, answer);
        boolean valuesShown = false;
        for (JsonNode card : cards) {
            String detail = card.path("detail").asText();
            valuesShown |= detail.contains("rectal-pathway-update") && detail.contains("pathway-update.example/rt");
            for (Parser.Builder parser :
                    List.of(Parser.builder(), Parser.builder().extensions(GFM_AUTOLINKS))) {
                String html = HtmlRenderer.builder()
                        .extensions(GFM_AUTOLINKS)
                        .build()
                        .render(parser.build().parse(detail));
                assertFalse(html.contains("<a ") || html.contains("<img"), html);
            }
        }
        assertTrue(valuesShown, "the values are still shown: " + answer);
        // and what the clinician reads is unchanged: the breaks are invisible
        String shown = cards.get(0).path("detail").asText().replace("\u200B", "");
        assertTrue(shown.contains("Condition/www.rectal-pathway-update.example"), shown);
        assertEquals(-1, cards.get(0).path("summary").asText().indexOf('\u200B'));
    }
}
