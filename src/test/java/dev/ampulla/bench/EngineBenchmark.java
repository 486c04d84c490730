package dev.ampulla.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.RequestLimits;
import dev.ampulla.fhir.FhirFetcher;
import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.fhir.PatientRecordBuilder;
import dev.ampulla.service.CallContext;
import dev.ampulla.service.ClinicalSelection;
import dev.ampulla.service.OrderService;
import dev.ampulla.service.PatientViewService;
import dev.ampulla.service.RectalCancerAdvisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request cost of each step, single-threaded, on the standard 24 KB benchmark patient (bench/run-engine.sh):
 * the Jackson parse of the body, turning the relevant resources into FHIR model objects, the clinical engine
 * (case extraction → assessment → pathway → cards), and the whole request → response bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xms256m", "-Xmx256m"})
public class EngineBenchmark {
    private byte[] body;
    private JsonNode request;
    private PatientRecord record;
    private RectalCancerAdvisor advisor;
    private RectalCancerAdvisor withoutGuidelines;
    private PatientViewService service;
    private OrderService orderSign;
    private byte[] orderBody;
    private ObjectMapper reader;

    @Setup
    public void setUp() throws Exception {
        body = Files.readAllBytes(Path.of(System.getProperty("ampulla.bench.request", "bench/patient-view-24k.json")));
        reader = CdsJson.reader(100, 1_000_000);
        request = reader.readTree(body);
        record = patientData();
        advisor = new RectalCancerAdvisor(
                dev.ampulla.knowledge.pack.KnowledgePack.shipped(),
                () -> "http://localhost:8080",
                dev.ampulla.demo.ExampleCatalog.EXAMPLES_CLOCK);
        withoutGuidelines = new RectalCancerAdvisor(
                dev.ampulla.knowledge.pack.KnowledgePack.shipped(),
                () -> "http://localhost:8080",
                dev.ampulla.demo.ExampleCatalog.EXAMPLES_CLOCK,
                new dev.ampulla.knowledge.pack.GuidelineLayer(false, null, null));
        FhirFetcher fetcher = new FhirFetcher(
                new FhirFetcher.Limits(Duration.ofMillis(200), Duration.ofMillis(400), 20, 5000, 1 << 20));
        service = new PatientViewService(advisor, fetcher, RequestLimits.DEFAULT);
        orderSign = OrderService.sign(advisor, fetcher, RequestLimits.DEFAULT);
        orderBody = Files.readAllBytes(Path.of("bench/order-sign-24k.json"));
    }

    @Benchmark
    public JsonNode jacksonParse() throws Exception {
        return reader.readTree(body);
    }

    @Benchmark
    public PatientRecord patientData() {
        JsonNode prefetch = request.get("prefetch");
        return new PatientRecordBuilder(ClinicalSelection.INSTANCE)
                .add(prefetch.get("conditions"))
                .add(prefetch.get("observations"))
                .build();
    }

    @Benchmark
    public Object engine() {
        return advisor.advise(record, "pt-rc-0042");
    }

    /** The same with the guideline layer switched off: the founding document's cards only, as before the layer. */
    @Benchmark
    public Object engineWithoutGuidelines() {
        return withoutGuidelines.advise(record, "pt-rc-0042");
    }

    /** order-sign with a radiotherapy and a drug order, on the same patient: parse, orders, checks, cards, JSON. */
    @Benchmark
    public byte[] wholeOrderSign() throws Exception {
        return CdsJson.mapper()
                .writeValueAsBytes(orderSign.call(reader.readTree(orderBody), CallContext.open(Duration.ofSeconds(1))));
    }

    @Benchmark
    public byte[] wholeRequest() throws Exception {
        return CdsJson.mapper()
                .writeValueAsBytes(service.call(reader.readTree(body), CallContext.open(Duration.ofSeconds(1))));
    }
}
