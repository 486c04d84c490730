package dev.ampulla.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real FHIR R4 server for tests: HAPI FHIR's plain {@code RestfulServer} on Jetty, holding resources in memory,
 * with the searches Ampulla's prefetch templates use. It can require a bearer token, page small, delay or hang every
 * request, or fail with HTTP 500, and it records what it was sent.
 */
public final class FhirTestServer implements AutoCloseable {
    public static final String TOKEN = "test-fhir-access-token-3d9c1e";

    private final Map<String, Resource> store = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Server jetty;
    private volatile boolean requireToken = true;
    private volatile int delayMillis;
    private volatile boolean fail500;

    public FhirTestServer(int pageSize) throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        RestfulServer server = new RestfulServer(fhir);
        server.setResourceProviders(new Patients(), new Conditions(), new Observations(), new Procedures());
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(pageSize);
        server.setPagingProvider(paging);
        server.registerInterceptor(new Gate());

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(server), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
    }

    /** Loads every resource of the fhir-examples patient bundles. */
    public FhirTestServer loadExamples() throws IOException {
        var parser = FhirContext.forR4Cached().newJsonParser();
        for (String slug : Examples.patientSlugs()) {
            Bundle bundle = parser.parseResource(Bundle.class, Files.readString(Examples.patient(slug)));
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                Resource r = e.getResource();
                store.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        return this;
    }

    public String base() {
        return "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/fhir";
    }

    public FhirTestServer requireToken(boolean required) {
        this.requireToken = required;
        return this;
    }

    public FhirTestServer delayEveryRequest(int millis) {
        this.delayMillis = millis;
        return this;
    }

    public FhirTestServer failWith500(boolean fail) {
        this.fail500 = fail;
        return this;
    }

    public int requestCount() {
        return requests.get();
    }

    /** The Authorization headers received, "-" for none. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    public void resetCounters() {
        requests.set(0);
        authorizations.clear();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("test FHIR server did not stop", e);
        }
    }

    @Interceptor
    public final class Gate {
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
        public boolean incoming(HttpServletRequest request, HttpServletResponse response) throws IOException {
            requests.incrementAndGet();
            String authorization = request.getHeader("Authorization");
            authorizations.add(authorization == null ? "-" : authorization);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fail500) {
                return reject(response, 500, "exception");
            }
            if (requireToken && !("Bearer " + TOKEN).equals(authorization)) {
                return reject(response, 401, "login");
            }
            return true;
        }

        private boolean reject(HttpServletResponse response, int status, String code) throws IOException {
            response.setStatus(status);
            response.setContentType("application/fhir+json");
            response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"" + code + "\"}]}");
            return false;
        }
    }

    private <T extends Resource> List<T> forPatient(Class<T> type, ReferenceParam patient,
            java.util.function.Function<T, Reference> subject) {
        return store.values().stream().filter(type::isInstance).map(type::cast)
                .filter(r -> patient.getIdPart().equals(subject.apply(r).getReferenceElement().getIdPart()))
                .sorted(java.util.Comparator.comparing(r -> r.getIdElement().getIdPart()))
                .toList();
    }

    private IBaseResource read(String type, IIdType id) {
        Resource r = store.get(type + "/" + id.getIdPart());
        if (r == null) {
            throw new ResourceNotFoundException(id);
        }
        return r;
    }

    public final class Patients implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public IBaseResource read(@IdParam IIdType id) {
            return FhirTestServer.this.read("Patient", id);
        }
    }

    public final class Conditions implements IResourceProvider {
        @Override
        public Class<Condition> getResourceType() {
            return Condition.class;
        }

        @Search
        public List<Condition> search(@RequiredParam(name = Condition.SP_PATIENT) ReferenceParam patient) {
            return forPatient(Condition.class, patient, Condition::getSubject);
        }
    }

    public final class Procedures implements IResourceProvider {
        @Override
        public Class<Procedure> getResourceType() {
            return Procedure.class;
        }

        @Search
        public List<Procedure> search(@RequiredParam(name = Procedure.SP_PATIENT) ReferenceParam patient) {
            return forPatient(Procedure.class, patient, Procedure::getSubject);
        }
    }

    public final class Observations implements IResourceProvider {
        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        @Search
        public List<Observation> search(@RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Observation.SP_CODE) TokenOrListParam codes) {
            return forPatient(Observation.class, patient, Observation::getSubject).stream()
                    .filter(o -> codes == null || o.getCode().getCoding().stream().anyMatch(c -> matches(codes, c)))
                    .toList();
        }

        private boolean matches(TokenOrListParam codes, Coding coding) {
            for (TokenParam t : codes.getValuesAsQueryTokens()) {
                if ((t.getSystem() == null || t.getSystem().equals(coding.getSystem()))
                        && t.getValue().equals(coding.getCode())) {
                    return true;
                }
            }
            return false;
        }
    }
}
