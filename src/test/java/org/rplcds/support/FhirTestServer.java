package org.rplcds.support;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.provider.HashMapResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.rplcds.demo.DemoPatients;
import org.rplcds.demo.PatientScopedProvider;

/**
 * A real FHIR R4 server over HTTP on loopback: HAPI's RestfulServer with in-memory providers,
 * on its own embedded Tomcat. It can demand a bearer token and counts the requests it serves.
 */
public final class FhirTestServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Map<Class<? extends Resource>, HashMapResourceProvider<? extends Resource>> providers =
            new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile String requiredToken;
    private volatile long delayMillis;
    private volatile Fault fault;

    /** An answer the server gives to every request instead of the real one. */
    public record Fault(int status, String contentType, String body) {}

    private FhirTestServer(int pageSize, boolean codeSearch) throws Exception {
        this(pageSize, codeSearch, null, null);
    }

    /**
     * @param keyStore a PKCS12 key store holding the server's key and certificate chain: the
     *     server speaks https; {@code null}: http
     */
    private FhirTestServer(int pageSize, boolean codeSearch, Path keyStore, String password) throws Exception {
        RestfulServer server = new RestfulServer(Fhir.CONTEXT);
        for (Class<? extends Resource> type : DemoPatients.TYPES) {
            providers.put(type, codeSearch ? provider(type) : new PatientOnlyProvider<>(type));
        }
        server.registerProviders(List.copyOf(providers.values()));
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(100);
        paging.setDefaultPageSize(pageSize);
        paging.setMaximumPageSize(pageSize);
        server.setPagingProvider(paging);
        server.setDefaultPageSize(pageSize);
        server.registerInterceptor(new TokenCheck());
        tomcat = new Tomcat();
        File base = Files.createTempDirectory("fhir-test-server").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        if (keyStore != null) {
            org.apache.catalina.connector.Connector connector = tomcat.getConnector();
            connector.setScheme("https");
            connector.setSecure(true);
            connector.setProperty("SSLEnabled", "true");
            org.apache.tomcat.util.net.SSLHostConfig tls = new org.apache.tomcat.util.net.SSLHostConfig();
            org.apache.tomcat.util.net.SSLHostConfigCertificate certificate =
                    new org.apache.tomcat.util.net.SSLHostConfigCertificate(
                            tls, org.apache.tomcat.util.net.SSLHostConfigCertificate.Type.UNDEFINED);
            certificate.setCertificateKeystoreFile(keyStore.toString());
            certificate.setCertificateKeystorePassword(password);
            certificate.setCertificateKeystoreType("PKCS12");
            tls.addCertificate(certificate);
            connector.addSslHostConfig(tls);
        }
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.start();
    }

    public static FhirTestServer start() throws Exception {
        return new FhirTestServer(50, true);
    }

    /** A server that answers searches a few entries a page, with next links. */
    public static FhirTestServer startWithPageSize(int pageSize) throws Exception {
        return new FhirTestServer(pageSize, true);
    }

    /**
     * A server that pages at {@code pageSize} whatever {@code _count} asks and knows no {@code code}
     * search parameter, so that HAPI answers a filtered search with 400, as such servers do.
     */
    public static FhirTestServer startWithoutCodeSearch(int pageSize) throws Exception {
        return new FhirTestServer(pageSize, false);
    }

    /** A server that speaks https only, with the key and certificate chain of the PKCS12 store. */
    public static FhirTestServer startTls(Path keyStore, String password) throws Exception {
        return new FhirTestServer(50, true, keyStore, password);
    }

    public String baseUrl() {
        return tomcat.getConnector().getScheme() + "://127.0.0.1:"
                + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    /** Requests without {@code Authorization: Bearer <token>} are refused with 401 from now on. */
    public FhirTestServer requireToken(String token) {
        this.requiredToken = token;
        return this;
    }

    @SuppressWarnings("unchecked")
    public FhirTestServer add(Resource... resources) {
        for (Resource resource : resources) {
            ((HashMapResourceProvider<Resource>) providers.get(resource.getClass())).store(resource);
        }
        return this;
    }

    /** Every request waits this long before it is answered. */
    public FhirTestServer delay(java.time.Duration delay) {
        this.delayMillis = delay.toMillis();
        return this;
    }

    /** Every request gets this answer from now on. */
    public FhirTestServer fail(int status, String contentType, String body) {
        this.fault = new Fault(status, contentType, body);
        return this;
    }

    /** Paths and queries served so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /**
     * The W3C {@code traceparent} headers of the requests in {@link #requests()} that carried one,
     * in order.
     */
    public List<String> traceparents() {
        return List.copyOf(traceparents);
    }

    /** Reads of the CapabilityStatement, which {@link #requests()} leaves out. */
    public int metadataRequests() {
        return metadataRequests.get();
    }

    /** Requests that have reached the server, answered or not: counted before any {@link #delay}. */
    public int arrivals() {
        return arrivals.get();
    }

    public int refused() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** HAPI's in-memory provider with a {@code patient} search and no other parameter. */
    public static class PatientOnlyProvider<T extends Resource> extends HashMapResourceProvider<T> {

        private final PatientScopedProvider<T> scoped;

        PatientOnlyProvider(Class<T> type) {
            super(Fhir.CONTEXT, type);
            this.scoped = new PatientScopedProvider<>(Fhir.CONTEXT, type);
        }

        @Override
        public synchronized org.hl7.fhir.instance.model.api.IIdType store(T resource) {
            scoped.store(resource);
            return super.store(resource);
        }

        @Search
        public List<IBaseResource> byPatient(
                RequestDetails details, @RequiredParam(name = "patient") ReferenceParam patient) {
            return scoped.byPatient(details, patient, null, null);
        }
    }

    private static <T extends Resource> PatientScopedProvider<T> provider(Class<T> type) {
        return new PatientScopedProvider<>(Fhir.CONTEXT, type);
    }

    @Interceptor
    public class TokenCheck {

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
        public boolean check(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
                throws java.io.IOException, InterruptedException {
            arrivals.incrementAndGet();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Fault planned = fault;
            if (planned != null) {
                requests.add(request.getRequestURI());
                response.setStatus(planned.status());
                response.setContentType(planned.contentType());
                response.getOutputStream().write(planned.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return false;
            }
            if (request.getRequestURI().endsWith("/metadata")) {
                // The CapabilityStatement is read without a token (SMART App Launch: servers serve
                // it to clients that are not yet authorised), and is not a read of the chart.
                metadataRequests.incrementAndGet();
                return true;
            }
            requests.add(
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
            if (request.getHeader("traceparent") != null) {
                traceparents.add(request.getHeader("traceparent"));
            }
            String token = requiredToken;
            if (token != null && !("Bearer " + token).equals(request.getHeader("Authorization"))) {
                refused.incrementAndGet();
                throw new AuthenticationException("bearer token required");
            }
            return true;
        }
    }
}
