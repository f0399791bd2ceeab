package org.rplcds.support.ehr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.rplcds.support.Fhir;

/**
 * A FHIR R4 server over HTTP on loopback that searches the way one EHR vendor documents it, no
 * friendlier: HAPI's RestfulServer on its own embedded Tomcat, holding the charts it was started
 * with. Each dialect's rules, and the public document each comes from, are in {@link EpicRules},
 * {@link OracleHealthRules} and {@link UsCoreRules}; the table is in {@code package-info.java}.
 */
public final class EhrLikeServer implements AutoCloseable {

    /** Whose documented behaviour the server reproduces. */
    public enum Dialect {
        /** Epic on FHIR (fhir.epic.com). */
        EPIC,
        /** Oracle Health Millennium Platform, formerly Cerner Millennium, R4 (fhir.cerner.com). */
        ORACLE_HEALTH,
        /** A server that does the US Core 9 Server CapabilityStatement's SHALL searches and nothing more. */
        US_CORE_STRICT
    }

    /**
     * One request as received: method, path and query, the form body of a POST (empty otherwise),
     * and the status answered.
     */
    public record Request(String method, String target, String body, int status) {}

    /** No dialect documents a limit; 8,192 characters is a common server default (Tomcat's header size). */
    public static final int DEFAULT_MAX_URL_LENGTH = 8_192;

    private final Tomcat tomcat;
    private final Rules rules;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile long latencyMillis;
    private volatile int maxUrlLength = DEFAULT_MAX_URL_LENGTH;

    private EhrLikeServer(Dialect dialect, List<? extends Resource> resources) throws Exception {
        Chart chart = new Chart(resources);
        this.rules = switch (dialect) {
            case EPIC -> new EpicRules(chart);
            case ORACLE_HEALTH -> new OracleHealthRules(chart);
            case US_CORE_STRICT -> new UsCoreRules(chart);
        };
        RestfulServer server = new RestfulServer(Fhir.CONTEXT);
        List<IResourceProvider> providers = new ArrayList<>();
        providers.add(new ChartProvider(org.hl7.fhir.r4.model.Patient.class, chart));
        for (String type : Rules.SEARCHED) {
            providers.add(new ChartProvider(
                    Fhir.CONTEXT.getResourceDefinition(type).getImplementingClass(Resource.class), chart));
        }
        server.setResourceProviders(providers);
        server.setServerConformanceProvider(new Capabilities(this));
        server.registerInterceptor(new Searches());
        tomcat = new Tomcat();
        File base = Files.createTempDirectory("ehr-like-server").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // Tomcat refuses a request line longer than its header buffer (8 KB) with a bare 400 before
        // any filter sees it; the buffer is widened so that the configured limit answers 414 instead.
        tomcat.getConnector().setProperty("maxHttpRequestHeaderSize", String.valueOf(1 << 20));
        tomcat.getConnector().setProperty("maxHttpHeaderSize", String.valueOf(1 << 20));
        Context context = tomcat.addContext("", base.getAbsolutePath());
        FilterDef filter = new FilterDef();
        filter.setFilterName("gate");
        filter.setFilter(new Gate());
        context.addFilterDef(filter);
        FilterMap map = new FilterMap();
        map.setFilterName("gate");
        map.addURLPattern("/*");
        context.addFilterMap(map);
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/" + rules.rootPath() + "*", "fhir");
        tomcat.start();
    }

    /** A server that answers as {@code dialect} documents, holding {@code resources} (several charts may share one). */
    public static EhrLikeServer start(Dialect dialect, List<? extends Resource> resources) throws Exception {
        return new EhrLikeServer(dialect, resources);
    }

    /** Every request waits this long before it is answered. */
    public EhrLikeServer latency(Duration perRequest) {
        this.latencyMillis = perRequest.toMillis();
        return this;
    }

    /** Requests whose path and query exceed this many characters are answered 414. */
    public EhrLikeServer maxUrlLength(int characters) {
        this.maxUrlLength = characters;
        return this;
    }

    /** The service root, ending with "/", at the path the vendor's own URLs use. */
    public String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/" + rules.rootPath();
    }

    /** Requests served so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    /** Latency, the URL length limit and the request log, before HAPI sees the request. */
    private final class Gate implements Filter {

        @Override
        public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest request = (HttpServletRequest) servletRequest;
            HttpServletResponse response = (HttpServletResponse) servletResponse;
            long delay = latencyMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServletException(e);
                }
            }
            String target =
                    request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            String body = "POST".equals(request.getMethod()) ? formBody(request) : "";
            if (target.length() > maxUrlLength) {
                // RFC 9110 section 15.5.15: 414 URI Too Long; no vendor documents its limit or its body
                response.setStatus(414);
                response.setContentType("application/fhir+json;charset=utf-8");
                var outcome = Outcomes.issue(
                        IssueSeverity.ERROR,
                        IssueType.TOOLONG,
                        null,
                        "Request URI of " + target.length() + " characters exceeds " + maxUrlLength);
                response.getOutputStream()
                        .write(Fhir.CONTEXT
                                .newJsonParser()
                                .encodeResourceToString(outcome)
                                .getBytes(StandardCharsets.UTF_8));
                requests.add(new Request(request.getMethod(), target, body, 414));
                return;
            }
            // The answer is held until the request is logged, so that a client that has its answer
            // finds the request in the log.
            Held held = new Held(response);
            try {
                chain.doFilter(request, held);
            } finally {
                requests.add(new Request(request.getMethod(), target, body, held.getStatus()));
                held.release();
            }
        }

        /** The form parameters of a POST, those of its query string left out, URL-encoded again. */
        private static String formBody(HttpServletRequest request) {
            String contentType = request.getContentType();
            if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
                return "";
            }
            Map<String, String[]> all = request.getParameterMap();
            Query query = Query.of(all);
            if (request.getQueryString() != null) {
                for (String pair : request.getQueryString().split("&")) {
                    String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                    query = query.without(name);
                }
            }
            return query.encoded();
        }
    }

    /** A response whose body is kept back until {@link #release()}. */
    private static final class Held extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private PrintWriter writer;

        Held(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking only");
                }
            };
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        @Override
        public boolean isCommitted() {
            return false;
        }

        void release() throws IOException {
            flushBuffer();
            ServletOutputStream out = getResponse().getOutputStream();
            body.writeTo(out);
            out.flush();
        }
    }

    /** Hands every type-level search to the dialect's rules and writes their Bundle. */
    @Interceptor
    public final class Searches {

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
        public boolean search(RequestDetails details, HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            if (details.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE) {
                return true;
            }
            Rules.Search search = new Rules.Search(
                    details.getResourceName(),
                    // the servlet's map keeps the order the client gave (HAPI's does not)
                    Query.of(request.getParameterMap()),
                    details.getRequestType() == RequestTypeEnum.POST,
                    baseUrl());
            IBaseResource answer;
            int status;
            try {
                answer = rules.search(search);
                status = 200;
            } catch (BaseServerResponseException refused) {
                // written here rather than thrown on to HAPI, which would log every refusal as an error
                answer = refused.getOperationOutcome();
                status = refused.getStatusCode();
            }
            response.setStatus(status);
            response.setContentType("application/fhir+json;charset=utf-8");
            response.getOutputStream()
                    .write(Fhir.CONTEXT
                            .newJsonParser()
                            .encodeResourceToString(answer)
                            .getBytes(StandardCharsets.UTF_8));
            return false;
        }
    }

    /** Read by id; searches are routed here by HAPI and answered by {@link Searches} before this runs. */
    public static final class ChartProvider implements IResourceProvider {

        private final Class<? extends Resource> type;
        private final Chart chart;

        ChartProvider(Class<? extends Resource> type, Chart chart) {
            this.type = type;
            this.chart = chart;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            String name = Fhir.CONTEXT.getResourceType(type);
            return chart.byId(name, id.getIdPart())
                    .orElseThrow(() -> new ResourceNotFoundException(name + "/" + id.getIdPart() + " is not known"));
        }

        @Search(allowUnknownParams = true)
        public List<IBaseResource> search() {
            throw new IllegalStateException("searches are answered by the dialect's rules");
        }
    }

    /** The dialect's CapabilityStatement at {@code [base]/metadata}. */
    public static final class Capabilities {

        private final EhrLikeServer server;

        Capabilities(EhrLikeServer server) {
            this.server = server;
        }

        /** HAPI hands its conformance provider the server; this one needs nothing from it. */
        public void setRestfulServer(RestfulServer server) {
            // nothing to keep
        }

        @ca.uhn.fhir.rest.annotation.Metadata
        public CapabilityStatement capabilityStatement() {
            return server.rules.capabilityStatement(server.baseUrl());
        }
    }
}
