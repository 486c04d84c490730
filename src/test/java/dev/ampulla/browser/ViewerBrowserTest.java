package dev.ampulla.browser;

import static dev.ampulla.browser.HeadlessChromium.textOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.Application;
import dev.ampulla.config.AmpullaConfig;
import dev.ampulla.demo.ExampleCatalog;
import dev.ampulla.support.FhirTestServer;
import dev.ampulla.support.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The card viewer in a real headless Chromium, against a demo-like Ampulla: the in-memory FHIR server holding the
 * example patients, and Ampulla naming it as the viewer's FHIR server. Feedback is checked where it lands, in
 * Ampulla's metrics, not only on the page.
 */
class ViewerBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile("200 · (\\d+) cards? · \\d+\\.\\d ms");
    private static final String PATHWAYS = "rectal-cancer-pathways";
    private static final String ORDER_SIGN = "rectal-cancer-order-sign";
    private static final String ORDER_SELECT = "rectal-cancer-order-select";
    private static final List<String> STAGE_IV_OPTIONS = List.of(
            "Option 1: resect rectum and metastases, then chemotherapy",
            "Option 2: chemotherapy, surgery, then intensive chemotherapy",
            "Option 3: chemoradiation, surgery, then intensified chemotherapy");
    /** Every element the viewer creates inside #cards; anything else would have come from data. */
    private static final Set<String> ALLOWED_IN_CARDS = Set.of(
            "article",
            "header",
            "span",
            "h3",
            "h4",
            "h5",
            "h6",
            "p",
            "div",
            "strong",
            "em",
            "code",
            "pre",
            "ol",
            "ul",
            "li",
            "blockquote",
            "hr",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "a",
            "button",
            "select",
            "option",
            "textarea",
            "label");

    private static FhirTestServer fhir;
    private static Application ampulla;
    private static HeadlessChromium chromium;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fhir = new FhirTestServer(100).loadExamples().requireToken(false);
        AmpullaConfig config = AmpullaConfig.from(
                Map.of(
                        "port",
                        "0",
                        "host",
                        "127.0.0.1",
                        "fhir-deadline-ms",
                        "5000",
                        "request-deadline-ms",
                        "15000",
                        "today",
                        TestServer.EXAMPLES_DAY,
                        "data-dir",
                        TestServer.temporaryDataDir(),
                        "development-mode",
                        "true"),
                Map.of());
        ampulla =
                TestServer.ready(new Application(config, ExampleCatalog.packaged(), fhir.base()).startAndAwaitReady());
        base = "http://127.0.0.1:" + ampulla.port();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (ampulla != null) {
                ampulla.close();
            }
            if (fhir != null) {
                fhir.close();
            }
        }
    }

    @BeforeEach
    void openViewer() {
        fhir.failWith500(false);
        chromium.driver.manage().window().setSize(new Dimension(1280, 1600));
        chromium.driver.get(base + "/");
        chromium.waitUpTo(10)
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    @AfterEach
    void pageRanCleanly() {
        assertEquals(List.of(), chromium.consoleProblems(), "script errors or Content-Security-Policy refusals");
    }

    // ---- Page helpers -------------------------------------------------------------------------------------------

    private static void choose(String patientSlug, String serviceId) {
        new Select(chromium.find("select#patient")).selectByValue(patientSlug);
        new Select(chromium.find("select#service")).selectByValue(serviceId);
    }

    private static void tickOrder(String labelContains) {
        WebElement option = chromium.driver.findElements(By.cssSelector("#order-list label")).stream()
                .filter(l -> l.getText().contains(labelContains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no draft order labelled " + labelContains));
        WebElement box = option.findElement(By.cssSelector("input[type=checkbox].order"));
        if (!box.isSelected()) {
            box.click();
        }
        assertTrue(box.isSelected());
    }

    /** Sends the hook and waits for the answer; returns the cards. */
    private static List<WebElement> sendAndAwaitCards() {
        chromium.find("button#send").click();
        chromium.waitUpTo(15)
                .until(d ->
                        STATUS.matcher(d.findElement(By.id("status")).getText()).matches());
        Matcher m = STATUS.matcher(chromium.find("#status").getText());
        assertTrue(m.matches());
        List<WebElement> cards = chromium.driver.findElements(By.cssSelector("#cards div.card, #cards .card"));
        assertEquals(Integer.parseInt(m.group(1)), cards.size(), "status line and cards shown agree");
        assertFalse(chromium.find("#error").isDisplayed(), "no error: " + textOf(chromium.find("#error")));
        return cards;
    }

    private static WebElement card(List<WebElement> cards, String topic) {
        return cards.stream()
                .filter(c -> topic.equals(c.getDomAttribute("data-topic")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no card with topic " + topic));
    }

    private static JsonNode shownJson(String detailsId) throws Exception {
        return JSON.readTree(textOf(chromium.find("#" + detailsId + " pre")));
    }

    /** A feedback counter from Ampulla's Prometheus metrics (0 before the first item). */
    private static double feedbackCount(String service, String outcome) throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ampulla_feedback_total{")
                    && line.contains("outcome=\"" + outcome + "\"")
                    && line.contains("service=\"" + service + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /**
     * The text of a cell of a topic's row of the concordance table, once the row is shown (and, when {@code expected}
     * is not null, once the cell reads so).
     */
    private static String reportCell(String topic, int column, String expected) {
        // read in one script: the table is rebuilt whenever the report is refreshed
        return chromium.waitUpTo(15).until(d -> {
            Object text = chromium.driver.executeScript(
                    "const cells = document.querySelectorAll("
                            + "'#concordance-table tr.topic-row[data-topic=\"' + arguments[0] + '\"] td');"
                            + " return cells.length > arguments[1] ? cells[arguments[1]].textContent : null;",
                    topic,
                    column);
            return text != null && (expected == null || expected.equals(text)) ? (String) text : null;
        });
    }

    /** Waits until the timeline and the pathway of the last hook are drawn. */
    private static void awaitCourse() {
        chromium.waitUpTo(15)
                .until(d -> "ready".equals(d.findElement(By.id("course-panel")).getDomAttribute("data-state")));
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return JSON.readTree(response.body());
    }

    private static List<String> texts(String css) {
        return chromium.driver.findElements(By.cssSelector(css)).stream()
                .map(HeadlessChromium::textOf)
                .toList();
    }

    private static List<String> summaries(List<WebElement> cards) {
        return cards.stream()
                .map(c -> c.findElement(By.cssSelector(".card-summary")).getText())
                .toList();
    }

    // ---- Tests --------------------------------------------------------------------------------------------------

    @Test
    void stageIvResectableOptionsAreShownAndAcceptingOneIsRecorded() throws Exception {
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        assertFalse(chromium.find("fieldset#orders").isDisplayed(), "no draft orders for patient-view");
        List<WebElement> cards = sendAndAwaitCards();

        // The request went out as an EHR sends it: prefetch from the templates, no fhirServer.
        JsonNode request = shownJson("request-json");
        assertTrue(
                request.path("hookInstance")
                        .asText()
                        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}" + "-[0-9a-f]{12}"),
                request.path("hookInstance").asText());
        assertEquals("patient-view", request.path("hook").asText());
        assertEquals(
                "Practitioner/example-clinician",
                request.path("context").path("userId").asText());
        assertEquals("rc09", request.path("context").path("patientId").asText());
        assertFalse(request.has("fhirServer"));
        assertEquals("rc09", request.path("prefetch").path("patient").path("id").asText());
        for (String key : List.of(
                "conditions",
                "observations",
                "procedures",
                "medicationAdministrations",
                "medicationStatements",
                "medicationRequests")) {
            JsonNode bundle = request.path("prefetch").path(key);
            assertEquals("searchset", bundle.path("type").asText(), key);
            assertEquals(bundle.path("entry").size(), bundle.path("total").asInt(), key);
        }
        JsonNode observations = request.path("prefetch").path("observations").path("entry");
        assertTrue(observations.size() >= 4, "staging and distance observations: " + observations.size());
        observations.forEach(e -> assertEquals(
                "Observation", e.path("resource").path("resourceType").asText()));

        WebElement options = card(cards, "stage-iv-resectable");
        assertEquals("info", options.getDomAttribute("data-indicator"));
        assertFalse(options.getDomAttribute("data-uuid").isEmpty());
        assertEquals("Info", textOf(options.findElement(By.cssSelector(".card-indicator"))));
        assertEquals(
                "Stage IVA, resectable: 3 founding-document treatment options",
                options.findElement(By.cssSelector(".card-summary")).getText());
        assertEquals(
                "Stage IVA (clinical staging: cT3 cN1 cM1a) · tumour in the lower rectum · resectable",
                options.findElement(By.cssSelector(".card-stage")).getText());
        assertEquals(
                "Source: Ampulla rectal cancer pathways · Topic: Stage IV, resectable: founding-document options",
                options.findElement(By.cssSelector(".card-source")).getText());

        // The Markdown detail is rendered, not shown as source.
        WebElement detail = options.findElement(By.cssSelector(".card-detail"));
        assertEquals(3, detail.findElements(By.cssSelector("ol > li")).size());
        assertEquals(
                "Option 1: resect rectum and metastases, then chemotherapy",
                detail.findElement(By.cssSelector("ol > li > strong")).getText());
        assertEquals(
                List.of("Finding", "Value", "From"),
                detail.findElements(By.cssSelector("table thead th")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertEquals(5, detail.findElements(By.cssSelector("blockquote")).size());
        assertFalse(detail.getText().contains("**") || detail.getText().contains("|---"), detail.getText());

        List<WebElement> buttons = options.findElements(By.cssSelector("button.suggestion"));
        assertEquals(STAGE_IV_OPTIONS, buttons.stream().map(WebElement::getText).toList());
        buttons.forEach(b -> assertFalse(b.getDomAttribute("data-uuid").isEmpty()));
        HeadlessChromium.screenshot(options, "stage-iv-options.png");

        double accepted = feedbackCount(PATHWAYS, "accepted");
        assertTrue(ampulla.flushRecordedCards(java.time.Duration.ofSeconds(10)), "the issued card is recorded");
        buttons.get(1).click();
        WebElement status = options.findElement(By.cssSelector(".feedback-status"));
        chromium.waitUpTo(10).until(ExpectedConditions.textToBePresentInElement(status, "feedback recorded"));
        assertEquals("Accepted: " + STAGE_IV_OPTIONS.get(1) + " — feedback recorded (204)", status.getText());
        assertEquals(accepted + 1, feedbackCount(PATHWAYS, "accepted"), "Ampulla counted the accepted suggestion");
        assertTrue(buttons.get(0).getDomProperty("disabled").equals("true"), "at most one: option 1 disabled");
        assertTrue(buttons.get(2).getDomProperty("disabled").equals("true"), "at most one: option 3 disabled");
        assertTrue(buttons.get(1).getDomAttribute("class").contains("accepted"));

        JsonNode feedback =
                JSON.readTree(textOf(chromium.find("#feedback-json pre")).split("\n\n→")[0]);
        JsonNode item = feedback.path("feedback").path(0);
        assertEquals(options.getDomAttribute("data-uuid"), item.path("card").asText());
        assertEquals("accepted", item.path("outcome").asText());
        assertEquals(
                buttons.get(1).getDomAttribute("data-uuid"),
                item.path("acceptedSuggestions").path(0).path("id").asText());

        // The feedback is in the durable store: the concordance report, and the viewer's table and chart, count it.
        JsonNode report = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/analytics/concordance"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        JsonNode option2 = null;
        for (JsonNode topic : report.path("topics")) {
            for (JsonNode s : topic.path("suggestions")) {
                if (s.path("pathwayOption").asText().equals("rectal-stage-iv-option-2")) {
                    option2 = s;
                }
            }
        }
        assertTrue(option2 != null && option2.path("accepted").asInt() >= 1, "option 2 accepted in " + report);
        WebElement row = chromium.waitUpTo(10)
                .until(d -> d
                        .findElements(By.cssSelector(
                                "#concordance-table tr.suggestion-row[data-option='rectal-stage-iv-option-2']"))
                        .stream()
                        .filter(r -> !r.findElements(By.cssSelector("td"))
                                .get(2)
                                .getText()
                                .equals("0"))
                        .findFirst()
                        .orElse(null));
        assertEquals(
                option2.path("accepted").asText(),
                row.findElements(By.cssSelector("td")).get(2).getText());
        assertTrue(chromium.find("#concordance-chart svg rect.bar-accepted").isDisplayed(), "the chart shows it");
        HeadlessChromium.screenshot(chromium.find(".concordance-panel"), "concordance-report.png");
        chromium.screenshot("stage-iv-accepted-page.png");
    }

    @Test
    void orderSignWarningIsDismissedWithAReasonAndAComment() throws Exception {
        choose("10-stage-iva-resectable-upper", ORDER_SIGN);
        assertTrue(chromium.find("fieldset#orders").isDisplayed(), "draft orders offered for order-sign");
        tickOrder("Preoperative radiotherapy, 25 x 2 Gy");
        List<WebElement> cards = sendAndAwaitCards();

        JsonNode context = shownJson("request-json").path("context");
        JsonNode draft = context.path("draftOrders").path("entry").path(0).path("resource");
        assertEquals("collection", context.path("draftOrders").path("type").asText());
        assertEquals(1, context.path("draftOrders").path("entry").size());
        assertEquals("ServiceRequest", draft.path("resourceType").asText());
        assertEquals("draft-1", draft.path("id").asText());
        assertEquals("draft", draft.path("status").asText());
        assertEquals("Patient/rc10", draft.path("subject").path("reference").asText());
        assertFalse(context.has("selections"), "selections belong to order-select only");

        WebElement warning = chromium.driver.findElement(By.cssSelector("#cards .card[data-indicator=warning]"));
        assertEquals(warning, card(cards, "radiotherapy-not-indicated-location"));
        assertEquals("Warning", textOf(warning.findElement(By.cssSelector(".card-indicator"))));
        assertEquals(
                "Remove the radiotherapy order",
                warning.findElement(By.cssSelector("button.suggestion")).getText());
        assertTrue(warning.findElement(By.cssSelector(".card-stage"))
                .getText()
                .endsWith("· tumour in the upper rectum · resectable"));

        double overridden = feedbackCount(ORDER_SIGN, "overridden");
        assertTrue(ampulla.flushRecordedCards(java.time.Duration.ofSeconds(10)), "the issued card is recorded");
        chromium.find("#load-concordance").click();
        int overriddenInReport = Integer.parseInt(reportCell("radiotherapy-not-indicated-location", 3, null));
        WebElement reasonSelect = warning.findElement(By.cssSelector("select.override-reason"));
        assertFalse(reasonSelect.isDisplayed(), "the override form opens on request");
        warning.findElement(By.cssSelector("button.dismiss")).click();
        assertTrue(reasonSelect.isDisplayed());
        Select reason = new Select(reasonSelect);
        // the viewer's draft order names no reason, so the reasons for an order aimed elsewhere are offered too
        assertEquals(
                List.of(
                        "No reason given",
                        "Multidisciplinary team decided otherwise",
                        "Tumour location re-assessed",
                        "Patient enrolled in a clinical trial",
                        "Patient data in the record are incorrect or outdated",
                        "The order targets a metastasis or is palliative",
                        "The order treats a recurrence",
                        "Already treated; the record awaits restaging"),
                reason.getOptions().stream().map(WebElement::getText).toList());
        reason.selectByVisibleText("Multidisciplinary team decided otherwise");
        warning.findElement(By.cssSelector("textarea.override-comment")).sendKeys("Short course agreed at the MDT.");
        HeadlessChromium.screenshot(warning, "warning-override-form.png");
        warning.findElement(By.cssSelector("button.confirm-dismiss")).click();

        chromium.waitUpTo(10).until(d -> "dismissed".equals(warning.getDomAttribute("data-state")));
        assertEquals(
                "Dismissed (reason: Multidisciplinary team decided otherwise; comment: “Short course agreed at"
                        + " the MDT.”) — feedback recorded (204)",
                warning.findElement(By.cssSelector(".feedback-status")).getText());
        assertTrue(warning.getDomAttribute("class").contains("dismissed"));
        assertEquals(
                "true", warning.findElement(By.cssSelector("button.suggestion")).getDomProperty("disabled"));
        assertEquals(overridden + 1, feedbackCount(ORDER_SIGN, "overridden"), "Ampulla counted the override");
        // the report on the page was refreshed by the feedback, without asking
        reportCell("radiotherapy-not-indicated-location", 3, String.valueOf(overriddenInReport + 1));

        JsonNode item = JSON.readTree(
                        textOf(chromium.find("#feedback-json pre")).split("\n\n→")[0])
                .path("feedback")
                .path(0);
        assertEquals("overridden", item.path("outcome").asText());
        assertEquals(
                "mdt-decision",
                item.path("overrideReason").path("reason").path("code").asText());
        assertEquals(
                "https://ampulla.dev/fhir/CodeSystem/override-reason",
                item.path("overrideReason").path("reason").path("system").asText());
        assertEquals(
                "Short course agreed at the MDT.",
                item.path("overrideReason").path("userComment").asText());
        HeadlessChromium.screenshot(warning, "warning-dismissed.png");
    }

    @Test
    void orderSelectSendsTheTickedOrdersAsSelections() throws Exception {
        choose("04-stage-iiib-upper-rectum", ORDER_SELECT);
        tickOrder("Preoperative radiotherapy, 25 x 2 Gy");
        tickOrder("Capecitabine");
        List<WebElement> cards = sendAndAwaitCards();
        JsonNode context = shownJson("request-json").path("context");
        assertEquals(2, context.path("draftOrders").path("entry").size());
        List<String> selections = JSON.convertValue(
                context.path("selections"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        assertEquals(List.of("MedicationRequest/draft-1", "ServiceRequest/draft-2"), selections);
        assertEquals(
                "warning", card(cards, "radiotherapy-not-indicated-location").getDomAttribute("data-indicator"));
    }

    @Test
    void withoutPrefetchAmpullaFetchesFromTheFhirServerAndGivesTheSameCards() throws Exception {
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        List<String> withPrefetch = summaries(sendAndAwaitCards());
        assertTrue(shownJson("request-json").has("prefetch"));

        fhir.resetCounters();
        WebElement usePrefetch = chromium.find("#use-prefetch");
        assertTrue(usePrefetch.isEnabled() && usePrefetch.isSelected());
        usePrefetch.click();
        List<WebElement> cards = sendAndAwaitCards();
        JsonNode request = shownJson("request-json");
        assertFalse(request.has("prefetch"), "no prefetch when unticked");
        assertEquals(fhir.base(), request.path("fhirServer").asText());
        assertTrue(fhir.requestCount() >= 3, "Ampulla fetched the data: " + fhir.requestCount() + " requests");
        assertEquals(withPrefetch, summaries(cards));
        assertEquals(4, withPrefetch.size()); // stage, stage IV options, MMR test, biomarkers (guideline layer)
        assertEquals(
                STAGE_IV_OPTIONS,
                card(cards, "stage-iv-resectable").findElements(By.cssSelector("button.suggestion")).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    @Test
    void aFailedCallShowsTheStatusAndTheDiagnostics() throws Exception {
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        chromium.find("#use-prefetch").click();
        fhir.failWith500(true);
        chromium.find("button#send").click();
        WebElement error = chromium.find("#error");
        chromium.waitUpTo(15).until(ExpectedConditions.visibilityOf(error));
        assertTrue(
                error.getText().startsWith("HTTP 412 Patient data needed by this service could not be obtained"),
                error.getText());
        assertTrue(chromium.find("#status").getText().startsWith("412 · no cards · "));
        assertEquals(
                0, chromium.driver.findElements(By.cssSelector("#cards .card")).size());
        assertEquals(
                "OperationOutcome",
                shownJson("response-json").path("resourceType").asText());
    }

    @Test
    void renderedCardsHoldOnlyElementsTheViewerCreates() throws Exception {
        Set<String> seen = new HashSet<>();
        for (String slug : List.of(
                "09-stage-iva-resectable-lower",
                "18-conflict-reported-group",
                "21-ignored-invalid-records",
                "20-attribution-two-primaries",
                "15-adjuvant-after-neoadjuvant-ypn1a")) {
            choose(slug, PATHWAYS);
            assertFalse(sendAndAwaitCards().isEmpty(), slug);
            @SuppressWarnings("unchecked")
            List<String> tags = (List<String>) chromium.driver.executeScript(
                    "return Array.from(document.querySelectorAll('#cards *'), e => e.localName);");
            seen.addAll(tags);
            assertTrue(ALLOWED_IN_CARDS.containsAll(tags), slug + ": " + tags);
            for (WebElement a : chromium.driver.findElements(By.cssSelector("#cards a"))) {
                assertTrue(a.getDomAttribute("href").matches("https?://.*"), a.getDomAttribute("href"));
                assertEquals("noopener noreferrer", a.getDomAttribute("rel"));
            }
            Long handlers = (Long) chromium.driver.executeScript("return Array.from(document.querySelectorAll("
                    + "'#cards *')).filter(e => Array.from(e.attributes).some(a => /^on/i.test(a.name))).length;");
            assertEquals(0L, handlers, slug);
        }
        assertTrue(seen.containsAll(Set.of("table", "ol", "blockquote", "strong")), "the detail was rendered: " + seen);
        for (String forbidden : List.of("img", "script", "iframe", "style", "object", "embed", "svg", "form")) {
            assertFalse(seen.contains(forbidden), forbidden);
        }
    }

    @Test
    void markdownRendererTurnsHostileInputIntoText() {
        Map<String, Object> out = render("<img src=x onerror=alert(1)> **b** [x](javascript:alert(1))");
        assertEquals(List.of("p", "strong"), out.get("tags"));
        assertEquals("<img src=x onerror=alert(1)> b x", out.get("text"));
        assertEquals("b", out.get("strongText"));

        out = render("[ok](https://example.org/a?b=1) <https://example.org/auto> [bad](JaVaScRiPt:alert(1))"
                + " [data](data:text/html,hi) [rel](/cds-services) ![pic](https://example.org/p.png)"
                + " <script>alert(1)</script> <a href=\"https://evil.test\">tag</a>");
        assertEquals(List.of("p", "a", "a"), out.get("tags"));
        assertEquals(List.of("https://example.org/a?b=1", "https://example.org/auto"), out.get("hrefs"));
        assertEquals(List.of("noopener noreferrer", "noopener noreferrer"), out.get("rels"));
        assertEquals(
                "ok https://example.org/auto bad data rel pic <script>alert(1)</script>"
                        + " <a href=\"https://evil.test\">tag</a>",
                out.get("text"));

        // What Ampulla's escaper writes comes back as the original text.
        out = render("| Finding | Value |\n|---|---|\n| a \\| b | \\*x\\* &lt;y&gt; &amp; \\_z\\_ |\n\n"
                + "1. **one**\n2. two\n\n> **FD-RT** quoted\n\n- *em* and `<code>`");
        assertEquals(
                List.of(
                        "table",
                        "thead",
                        "tr",
                        "th",
                        "th",
                        "tbody",
                        "tr",
                        "td",
                        "td",
                        "ol",
                        "li",
                        "strong",
                        "li",
                        "blockquote",
                        "p",
                        "strong",
                        "ul",
                        "li",
                        "em",
                        "code"),
                out.get("tags"));
        assertEquals("FindingValuea | b*x* <y> & _z_onetwoFD-RT quotedem and <code>", out.get("text"));
    }

    @Test
    void markdownRendererStaysFastOnPathologicalInput() {
        // Unmatched openers everywhere: a naive renderer rescans the rest of the text for each one.
        for (String unit : List.of("[", "*a ", "_a ", "`", "[a](<", "**a ", "[a](b \"")) {
            String hostile = unit.repeat(60_000 / unit.length());
            Number millis = (Number) chromium.driver.executeScript("""
                    const started = performance.now();
                    const root = document.createElement('div');
                    root.append(window.AmpullaViewer.renderMarkdown(arguments[0]));
                    return performance.now() - started;""", hostile);
            assertTrue(millis.doubleValue() < 1500, unit + " took " + millis + " ms");
        }
    }

    /** Calls the page's renderer and describes what it built. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(String markdown) {
        Object result = chromium.driver.executeScript("""
                const root = document.createElement('div');
                root.append(window.AmpullaViewer.renderMarkdown(arguments[0]));
                const all = Array.from(root.querySelectorAll('*'));
                const links = Array.from(root.querySelectorAll('a'));
                const strong = root.querySelector('strong');
                return {
                  tags: all.map(e => e.localName).filter(t => t !== 'div'),
                  text: root.textContent,
                  strongText: strong ? strong.textContent : null,
                  hrefs: links.map(a => a.getAttribute('href')),
                  rels: links.map(a => a.getAttribute('rel'))
                };""", markdown);
        assertNotEquals(null, result);
        return (Map<String, Object>) result;
    }

    @Test
    void theStickyFormNeverCoversTheSectionsBelowTheCards() throws Exception {
        // a low window: the form, as tall as the window allows, would cover whatever scrolled under it
        chromium.driver.manage().window().setSize(new Dimension(1280, 520));
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        sendAndAwaitCards();
        for (String heading : List.of("#course-heading", "#concordance-heading")) {
            WebElement h = chromium.find(heading);
            // the heading a third of the way down the window, where the form would sit if it slid along
            chromium.driver.executeScript(
                    "window.scrollTo(0, arguments[0].getBoundingClientRect().top"
                            + " + window.scrollY - window.innerHeight / 3);",
                    h);
            @SuppressWarnings("unchecked")
            Map<String, Object> seen = (Map<String, Object>) chromium.driver.executeScript("""
                    const h = arguments[0].getBoundingClientRect();
                    const hit = document.elementFromPoint(h.left + 4, h.top + h.height / 2);
                    const form = document.querySelector('.request-panel').getBoundingClientRect();
                    return {top: h.top, bottom: h.bottom, height: window.innerHeight, scrolled: window.scrollY,
                      hit: hit === null ? null : hit.id || hit.className, headingHit: hit === arguments[0],
                      formOverlaps: form.bottom > h.top && form.top < h.bottom};""", h);
            assertTrue(((Number) seen.get("scrolled")).doubleValue() > 0, "the page scrolled: " + seen);
            assertTrue(
                    ((Number) seen.get("top")).doubleValue() > 40
                            && ((Number) seen.get("bottom")).doubleValue()
                                    < ((Number) seen.get("height")).doubleValue(),
                    "the heading is in the window, below where the form would stick: " + seen);
            assertEquals(true, seen.get("headingHit"), heading + " is what shows at its place: " + seen);
            assertEquals(false, seen.get("formOverlaps"), "the form does not overlap " + heading);
        }
        chromium.screenshot("report-not-covered.png");
    }

    @Test
    void orderSelectIsNotSentWithoutASelection() {
        choose("04-stage-iiib-upper-rectum", ORDER_SELECT);
        WebElement send = chromium.find("button#send");
        WebElement hint = chromium.find("#send-hint");
        assertFalse(send.isEnabled(), "nothing ticked: order-select would have empty selections");
        assertTrue(hint.getText().startsWith("Tick at least one draft order"), hint.getText());
        tickOrder("Capecitabine");
        assertTrue(send.isEnabled());
        assertEquals("", hint.getText());
        chromium.driver
                .findElements(By.cssSelector("#order-list input.order:checked"))
                .forEach(WebElement::click);
        assertFalse(send.isEnabled(), "unticked again");
        choose("04-stage-iiib-upper-rectum", ORDER_SIGN);
        assertTrue(send.isEnabled(), "order-sign may be sent with no draft orders");
        assertEquals("", hint.getText());
        choose("04-stage-iiib-upper-rectum", ORDER_SELECT);
        assertFalse(send.isEnabled());
        // a form submitted another way (Enter in a field) is held back too
        chromium.driver.executeScript("document.getElementById('hook-form').requestSubmit();");
        assertEquals("No hook sent yet.", chromium.find("#status").getText());
        assertEquals("Nothing sent yet.", textOf(chromium.find("#request-json pre")));
    }

    @Test
    void theReportsPeriodReadsAsTheFormSaysAndItsTopicsByName() throws Exception {
        chromium.driver.executeScript("document.getElementById('concordance-from').value = '2026-01-01';"
                + "document.getElementById('concordance-to').value = '2026-01-31';");
        chromium.find("#load-concordance").click();
        WebElement status = chromium.find("#concordance-status");
        chromium.waitUpTo(15).until(d -> status.getText().startsWith("2026-01-01 to 2026-01-31 (inclusive) · "));
        // as the server reads it: the 31st is in, the report ends at the midnight after it
        JsonNode report = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(base + "/analytics/concordance?from=2026-01-01&to=2026-01-31"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertEquals("2026-02-01T00:00:00Z", report.path("to").asText());
        assertEquals(
                "2026-01-01 to 2026-01-31 (inclusive)",
                chromium.driver.executeScript(
                        "return document.getElementById('concordance-status').textContent.split(' · ')[0];"));

        chromium.driver.executeScript("document.getElementById('concordance-from').value = '';"
                + "document.getElementById('concordance-to').value = '';");
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        sendAndAwaitCards();
        assertTrue(ampulla.flushRecordedCards(java.time.Duration.ofSeconds(10)), "the issued cards are recorded");
        chromium.find("#load-concordance").click();
        assertEquals("Stage IV, resectable: founding-document options", reportCell("stage-iv-resectable", 0, null));
        assertEquals("Rectal cancer stage", reportCell("stage-summary", 0, null));
        assertFalse(status.getText().contains("exclusive"), status.getText());
        assertTrue(
                status.getText()
                        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC until \\d{4}-\\d\\d-\\d\\d"
                                + " \\d\\d:\\d\\d UTC · .*"),
                status.getText());
        assertEquals(
                "Stage IV, resectable: founding-document options",
                chromium.find("#concordance-chart svg text.topic-label[data-topic='stage-iv-resectable']")
                        .getText());
    }

    /** The signed radiotherapy order shows in the signed-orders table and as a bar, with the server's numbers. */
    @Test
    void aSignedOrderIsDrawnPerModalityAsTheReportCountsIt() throws Exception {
        choose("10-stage-iva-resectable-upper", ORDER_SIGN);
        tickOrder("Preoperative radiotherapy, 25 x 2 Gy");
        sendAndAwaitCards();
        assertTrue(ampulla.flushRecordedOrders(java.time.Duration.ofSeconds(10)), "the signed order is recorded");
        // the server's clock is the examples' day
        chromium.driver.executeScript("document.getElementById('concordance-from').value = '2025-05-01';"
                + "document.getElementById('concordance-to').value = '2025-05-31';");
        chromium.find("#load-concordance").click();
        JsonNode report = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(base + "/analytics/pathway-agreement?from=2025-05-01&to=2025-05-31"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        JsonNode radiotherapy = null;
        for (JsonNode m : report.at("/orders/modalities")) {
            if (m.get("modality").asText().equals("radiotherapy")) {
                radiotherapy = m.get("counts");
            }
        }
        assertTrue(radiotherapy != null && radiotherapy.get("offPathway").asLong() >= 1, report.toString());
        String signed = radiotherapy.get("ordersSigned").asText();
        String shown = chromium.waitUpTo(15).until(d -> (String) chromium.driver.executeScript("const cells ="
                + " document.querySelectorAll('#agreement-table tr.modality-row[data-key=\"radiotherapy\"] td');"
                + " return cells.length > 1 ? cells[1].textContent : null;"));
        assertEquals(signed, shown);
        assertTrue(chromium.find("#agreement-chart svg rect.bar-off").isDisplayed(), "the chart shows the off part");
        assertTrue(chromium.find("#agreement-status").getText().contains("orders signed"));
    }

    @Test
    void theIconLoadsWithoutA404() throws Exception {
        String href = chromium.find("link[rel=icon]").getDomProperty("href");
        assertEquals(base + "/viewer/favicon.svg", href);
        Object answer = chromium.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.all([arguments[0], '/favicon.ico'].map(u => fetch(u).then(r => r.status + ' '"
                        + " + r.headers.get('content-type')))).then(done, e => done(String(e)));",
                href);
        assertEquals(List.of("200 image/svg+xml", "200 image/svg+xml"), answer);
        chromium.driver.get(base + "/");
        chromium.waitUpTo(10)
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        List<String> messages = chromium.consoleMessages();
        assertEquals(List.of(), messages.stream().filter(m -> m.contains("404")).toList());
        assertEquals(
                List.of(), messages.stream().filter(HeadlessChromium::isProblem).toList());
    }

    @Test
    void theTimelineShowsTheCaseAsAmpullaReadItAndTheHooksDraftOrders() throws Exception {
        choose("38-tnt-resected-ypn1", ORDER_SIGN);
        tickOrder("Capecitabine");
        sendAndAwaitCards();
        awaitCourse();

        // exactly what Ampulla's extraction and assessment gave, in date order
        JsonNode theCase = getJson("/viewer/case/38-tnt-resected-ypn1?orders=order-2");
        List<String> labels = new java.util.ArrayList<>();
        theCase.path("events").forEach(e -> labels.add(e.path("label").asText()));
        assertEquals(labels, texts("#timeline li.event .event-label"));
        List<String> dates = chromium.driver.findElements(By.cssSelector("#timeline li.event")).stream()
                .map(e -> e.getDomAttribute("data-date"))
                .toList();
        assertEquals(dates.stream().sorted().toList(), dates, "oldest first");

        List<WebElement> events = chromium.driver.findElements(By.cssSelector("#timeline li.event"));
        WebElement first = events.get(0);
        assertEquals("diagnosis", first.getDomAttribute("data-kind"));
        assertEquals("2024-05-27", first.findElement(By.cssSelector("time")).getText());
        assertEquals(
                "Condition/rc38-primary",
                first.findElement(By.cssSelector(".event-sources")).getText());
        assertEquals(
                List.of(
                        "Clinical staging: cT4a cN2a cM0",
                        "Tumour 5.5 cm from the anal verge",
                        "Radiotherapy (until 2024-06-21)",
                        "Systemic therapy: oxaliplatin (until 2024-10-21)",
                        "Systemic therapy: capecitabine (until 2024-10-21)",
                        "Rectal resection",
                        "Pathological staging after treatment: ypT3 ypN1b"),
                labels.subList(1, 8));
        WebElement staging = events.get(1);
        assertEquals(
                "Observation/rc38-ct, Observation/rc38-cn, Observation/rc38-cm",
                staging.findElement(By.cssSelector(".event-sources")).getText());
        WebElement draft = events.get(events.size() - 1);
        assertEquals("draft-order", draft.getDomAttribute("data-kind"));
        assertEquals(TestServer.EXAMPLES_DAY, draft.getDomAttribute("data-date"));
        assertEquals(
                "Draft order: systemic therapy · Capecitabine",
                textOf(draft.findElement(By.cssSelector(".event-label"))));
        assertEquals("MedicationRequest/draft-1", textOf(draft.findElement(By.cssSelector(".event-sources"))));
        assertTrue(
                chromium.find("#course-status").getText().startsWith("As Ampulla read the record of 38"),
                chromium.find("#course-status").getText());
        HeadlessChromium.screenshot(chromium.find("#timeline-figure"), "timeline-38-tnt-resected.png");

        // another patient, another hook: the timeline follows, and patient-view sends no draft orders
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        sendAndAwaitCards();
        awaitCourse();
        assertEquals(
                "Metastasis: liver",
                textOf(chromium.find("#timeline li.event[data-kind=metastasis]" + " .event-label")));
        assertEquals(
                0,
                chromium.driver
                        .findElements(By.cssSelector("#timeline li.event[data-kind=draft-order]"))
                        .size());
        HeadlessChromium.screenshot(chromium.find("#timeline-figure"), "timeline-09-stage-iva.png");
    }

    @Test
    void thePathwayShowsWhereThePatientStandsAndWhichStepTheCardsAdvise() throws Exception {
        choose("09-stage-iva-resectable-lower", PATHWAYS);
        List<WebElement> cards = sendAndAwaitCards();
        awaitCourse();

        WebElement position = chromium.find("#pathway .position-line");
        assertEquals(
                "This patient: Stage IVA (clinical: cT3 cN1 cM1a) · tumour: lower rectum · resectability:"
                        + " resectable",
                position.getText());
        assertEquals("untreated", position.getDomAttribute("data-phase"));
        List<WebElement> current = chromium.driver.findElements(By.cssSelector("#pathway .phase-row.current"));
        assertEquals(1, current.size());
        assertEquals("untreated", current.get(0).getDomAttribute("data-phase"));
        assertEquals(
                "THIS PATIENT",
                current.get(0).findElement(By.cssSelector(".you-are-here")).getText());

        // the highlighted PlanDefinitions are those of the rules the returned cards name, and only those
        JsonNode knowledge = getJson("/viewer/knowledge");
        Set<String> planRules = new HashSet<>();
        knowledge.path("plans").forEach(p -> planRules.add(p.path("rule").asText()));
        Set<String> cardRules = new HashSet<>();
        shownJson("response-json")
                .path("cards")
                .forEach(c -> c.path("extension").path("dev.ampulla.rules").forEach(r -> cardRules.add(r.asText())));
        cardRules.retainAll(planRules);
        assertEquals(Set.of("R3"), cardRules);
        assertEquals(
                Set.of("R3"),
                new HashSet<>(chromium.driver.findElements(By.cssSelector("#pathway .plan.advised")).stream()
                        .map(p -> p.getDomAttribute("data-rule"))
                        .toList()));
        assertEquals(
                knowledge.path("plans").size(),
                new HashSet<>(chromium.driver.findElements(By.cssSelector("#pathway .plan")).stream()
                                .map(p -> p.getDomAttribute("data-rule"))
                                .toList())
                        .size(),
                "every pathway PlanDefinition is drawn");
        WebElement r3 = chromium.find("#pathway .phase-row.current .plan.advised[data-rule=R3]");
        assertEquals(
                STAGE_IV_OPTIONS,
                r3.findElements(By.cssSelector(".step-options li")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertEquals(
                "INFO CARD Stage IVA, resectable: 3 founding-document treatment options",
                r3.findElement(By.cssSelector(".plan-card")).getText());
        // the other cards (stage, biomarkers, testing) are listed beside the diagram, by topic name
        List<String> others = texts("#pathway .other-card");
        assertEquals(cards.size() - 1, others.size(), others.toString());
        assertTrue(
                others.contains("Info Rectal cancer stage (R1): Rectal cancer stage IVA (clinical, AJCC 8th): cT3"
                        + " cN1 cM1a"),
                others.toString());
        HeadlessChromium.screenshot(chromium.find("#pathway-figure"), "pathway-09-stage-iva.png");

        // after resection with positive nodes: another phase, another step
        choose("14-adjuvant-after-resection-pn1b", PATHWAYS);
        sendAndAwaitCards();
        awaitCourse();
        assertEquals(
                List.of("resected"),
                chromium.driver.findElements(By.cssSelector("#pathway .phase-row.current")).stream()
                        .map(r -> r.getDomAttribute("data-phase"))
                        .toList());
        WebElement r10 = chromium.find("#pathway .phase-row.current .plan.advised");
        assertEquals("R10", r10.getDomAttribute("data-rule"));
        assertEquals(
                List.of("Postoperative chemotherapy"),
                r10.findElements(By.cssSelector(".step-title")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertEquals(
                1,
                chromium.driver
                        .findElements(By.cssSelector("#pathway .plan.advised"))
                        .size());
        HeadlessChromium.screenshot(chromium.find("#pathway-figure"), "pathway-14-resected.png");
        chromium.driver.executeScript("arguments[0].scrollIntoView()", chromium.find("#course-panel"));
        chromium.screenshot("course-panel-page.png");
    }

    @Test
    void narrowScreensStackTheFormAboveTheCards() throws Exception {
        chromium.driver.manage().window().setSize(new Dimension(420, 1600));
        choose("10-stage-iva-resectable-upper", PATHWAYS);
        List<WebElement> cards = sendAndAwaitCards();
        WebElement form = chromium.find(".request-panel");
        WebElement results = chromium.find(".results-panel");
        assertTrue(
                results.getRect().getY()
                        > form.getRect().getY() + form.getRect().getHeight() - 1,
                "results below the form");
        Long overflow = (Long) chromium.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no sideways scrolling of the page");
        chromium.driver.executeScript("arguments[0].scrollIntoView()", cards.get(0));
        chromium.screenshot("narrow.png");
    }
}
