package dev.ampulla.demo;

import ca.uhn.fhir.context.FhirContext;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small FHIR R4 server held in memory: HAPI FHIR's plain {@code RestfulServer} on Jetty, answering the reads and
 * searches Ampulla's prefetch templates use (Patient read; Condition, Observation, Procedure and medication records by
 * patient, Observation also by code, medication records also by status), and reads of what orders refer to (Medications, radiotherapy volume BodyStructures). It backs the one-command demo, so hooks sent without prefetch have a FHIR server to fetch from.
 */
public final class InMemoryFhirServer implements AutoCloseable {
    private final Map<String, Resource> store = new ConcurrentHashMap<>();
    private final RestfulServer fhir;
    private final Server jetty;

    /**
     * Starts listening at once.
     *
     * @param browserOrigins web origins that may read it from a browser (CORS), {@code *} for any
     * @param interceptors HAPI server interceptors (for example to require a token), registered before start
     */
    public InMemoryFhirServer(String host, int port, int pageSize, List<String> browserOrigins, Object... interceptors)
            throws Exception {
        fhir = new RestfulServer(FhirContext.forR4Cached());
        fhir.setResourceProviders(
                new Patients(),
                new Conditions(),
                new Observations(),
                new Procedures(),
                new Medications(),
                new BodyStructures(),
                new MedicationAdministrations(),
                new MedicationStatements(),
                new MedicationRequests());
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(1000);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(pageSize);
        fhir.setPagingProvider(paging);
        for (Object interceptor : interceptors) {
            fhir.registerInterceptor(interceptor);
        }
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        context.addFilter(
                new org.eclipse.jetty.ee10.servlet.FilterHolder(new BrowserOrigins(browserOrigins)),
                "/*",
                java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
    }

    /** Stores every resource of a Bundle (as a transaction of PUTs would), replacing resources with the same id. */
    public InMemoryFhirServer load(Bundle bundle) {
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r != null && r.hasIdElement()) {
                store.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
            }
        }
        return this;
    }

    /** Parses and stores a Bundle given as FHIR JSON. */
    public InMemoryFhirServer load(String bundleJson) {
        return load(FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, bundleJson));
    }

    public int resourceCount() {
        return store.size();
    }

    /** The FHIR base URL, on the loopback address when listening on all addresses. */
    public String base() {
        ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0")
                ? "127.0.0.1"
                : connector.getHost();
        return "http://" + host + ":" + connector.getLocalPort() + "/fhir";
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the in-memory FHIR server did not stop", e);
        }
    }

    private <T extends Resource> List<T> forPatient(
            Class<T> type, ReferenceParam patient, Function<T, Reference> subject) {
        return store.values().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> patient.getIdPart()
                        .equals(subject.apply(r).getReferenceElement().getIdPart()))
                .sorted(Comparator.comparing(r -> r.getIdElement().getIdPart()))
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
            return InMemoryFhirServer.this.read("Patient", id);
        }
    }

    public final class Medications implements IResourceProvider {
        @Override
        public Class<Medication> getResourceType() {
            return Medication.class;
        }

        @Read
        public IBaseResource read(@IdParam IIdType id) {
            return InMemoryFhirServer.this.read("Medication", id);
        }
    }

    public final class BodyStructures implements IResourceProvider {
        @Override
        public Class<BodyStructure> getResourceType() {
            return BodyStructure.class;
        }

        @Read
        public IBaseResource read(@IdParam IIdType id) {
            return InMemoryFhirServer.this.read("BodyStructure", id);
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

    /** Keeps the records whose status is one of {@code statuses} (all of them when none is asked for). */
    private static <T extends Resource> List<T> withStatus(
            List<T> records, TokenOrListParam statuses, Function<T, String> status) {
        if (statuses == null) {
            return records;
        }
        return records.stream()
                .filter(r -> statuses.getValuesAsQueryTokens().stream()
                        .anyMatch(t -> t.getValue().equals(status.apply(r))))
                .toList();
    }

    public final class MedicationAdministrations implements IResourceProvider {
        @Override
        public Class<MedicationAdministration> getResourceType() {
            return MedicationAdministration.class;
        }

        @Search
        public List<MedicationAdministration> search(
                @RequiredParam(name = MedicationAdministration.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = MedicationAdministration.SP_STATUS) TokenOrListParam status) {
            return withStatus(
                    forPatient(MedicationAdministration.class, patient, MedicationAdministration::getSubject),
                    status,
                    r -> r.getStatus().toCode());
        }
    }

    public final class MedicationStatements implements IResourceProvider {
        @Override
        public Class<MedicationStatement> getResourceType() {
            return MedicationStatement.class;
        }

        @Search
        public List<MedicationStatement> search(
                @RequiredParam(name = MedicationStatement.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = MedicationStatement.SP_STATUS) TokenOrListParam status) {
            return withStatus(
                    forPatient(MedicationStatement.class, patient, MedicationStatement::getSubject),
                    status,
                    r -> r.getStatus().toCode());
        }
    }

    public final class MedicationRequests implements IResourceProvider {
        @Override
        public Class<MedicationRequest> getResourceType() {
            return MedicationRequest.class;
        }

        @Search
        public List<MedicationRequest> search(
                @RequiredParam(name = MedicationRequest.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = MedicationRequest.SP_STATUS) TokenOrListParam status) {
            return withStatus(
                    forPatient(MedicationRequest.class, patient, MedicationRequest::getSubject),
                    status,
                    r -> r.getStatus().toCode());
        }
    }

    public final class Observations implements IResourceProvider {
        @Override
        public Class<Observation> getResourceType() {
            return Observation.class;
        }

        @Search
        public List<Observation> search(
                @RequiredParam(name = Observation.SP_PATIENT) ReferenceParam patient,
                @OptionalParam(name = Observation.SP_CODE) TokenOrListParam codes) {
            return forPatient(Observation.class, patient, Observation::getSubject).stream()
                    .filter(o ->
                            codes == null || o.getCode().getCoding().stream().anyMatch(c -> matches(codes, c)))
                    .toList();
        }

        private static boolean matches(TokenOrListParam codes, Coding coding) {
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
