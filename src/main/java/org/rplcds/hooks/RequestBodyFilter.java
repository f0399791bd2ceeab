package org.rplcds.hooks;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rplcds.system.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes in a call's body before the call holds a request thread, and holds every call to the
 * memory budget of the calls in flight.
 *
 * <p>The body is read as it arrives with the Servlet API's non-blocking reads: no thread waits on
 * a client that sends slowly, so a thousand clients trickling bytes cost connections, never the
 * threads that answer the others. Once the body is whole the call goes on, on a request thread, with
 * the body from memory. A body larger than the limit is refused with 413 as soon as that is known
 * (at once when {@code Content-Length} says so); one not whole within the time limit with 408; one
 * the client cannot frame (a broken chunk, trailers past the server's limits) with 400. Each of those
 * answers closes the connection, so what the client still sends is never read.
 *
 * <p>Every call holds a {@link MemoryBudget.Lease} from the start to the end of its answer: its body
 * is held on it as it arrives, the resources its chart keeps as they are read. A call the budget has
 * no room for is answered 503 with {@code Retry-After}, at once, and the rest of its body, within the
 * limit, is then read and dropped as it arrives, still without a thread and within the time limit,
 * before the connection is closed. A connection closed on bytes not yet read is reset (RFC 9112,
 * 9.6), and a reset can reach the client before the answer does: the client that is asked to send
 * again would see only a broken connection.
 */
class RequestBodyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestBodyFilter.class);

    /** Seconds a client refused for want of memory is asked to wait before sending again. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final String BODY = RequestBodyFilter.class.getName() + ".body";

    private static final int CHUNK = 16 * 1024;

    /**
     * Where the bodies of refused calls are read to be dropped, all of them: what lands there is
     * never read, so calls drained at once cost no memory each.
     */
    private static final byte[] DROPPED = new byte[CHUNK];

    private final long maxBytes;
    private final Duration timeout;
    private final MemoryBudget memory;

    RequestBodyFilter(long maxBytes, Duration timeout, MemoryBudget memory) {
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.memory = memory;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY);
            if (body instanceof Body read) {
                request.removeAttribute(BODY);
                run(new Buffered(request, read), response, chain, read.lease());
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            answer(response, Refusal.tooLarge(maxBytes));
            return;
        }
        boolean bodiless = declared == 0 || (declared < 0 && request.getHeader("Transfer-Encoding") == null);
        MemoryBudget.Lease lease;
        try {
            lease = memory.open();
            if (declared > 0) {
                lease.hold(declared);
            }
        } catch (MemoryBudget.Exhausted e) {
            if (bodiless) {
                answer(response, Refusal.of(e));
            } else {
                AsyncContext async = request.startAsync(request, response);
                async.setTimeout(timeout.toMillis());
                Reading draining = new Reading(async, request.getInputStream(), declared, null);
                async.addListener(draining);
                if (draining.drain(Refusal.of(e))) {
                    request.getInputStream().setReadListener(draining);
                }
            }
            return;
        }
        if (bodiless) {
            run(request, response, chain, lease);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeout.toMillis());
        Reading reading = new Reading(async, request.getInputStream(), declared, lease);
        async.addListener(reading);
        request.getInputStream().setReadListener(reading);
    }

    private static void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, MemoryBudget.Lease lease)
            throws ServletException, IOException {
        try (lease;
                MemoryBudget.Scope bound = lease.bind()) {
            chain.doFilter(request, response);
        }
    }

    /** An answer to a call refused before it ran. */
    record Refusal(int status, String error, String message, boolean retry) {

        static Refusal tooLarge(long maxBytes) {
            return new Refusal(
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "payload-too-large",
                    "request body larger than " + maxBytes + " bytes",
                    false);
        }

        static Refusal of(MemoryBudget.Exhausted e) {
            return e.alone()
                    ? new Refusal(
                            HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "payload-too-large", e.getMessage(), false)
                    : new Refusal(
                            HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                            "unavailable",
                            e.getMessage() + "; send the call again shortly",
                            true);
        }
    }

    /** Writes the refusal and asks for the connection to be closed: the rest of the body is never read. */
    static void answer(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setHeader("Connection", "close");
        if (refusal.retry()) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        ErrorJson.write(response, refusal.status(), refusal.error(), refusal.message());
    }

    /** A body read whole, in the chunks it came in, and the lease that holds it. */
    private record Body(List<byte[]> chunks, long length, MemoryBudget.Lease lease) {}

    /**
     * The reading of one body, as the container says bytes are there to be read; or, once the call
     * is refused for want of memory, its draining: what still comes is read into {@link #DROPPED}
     * and dropped, and the call ends when the body does, when it passes the limit or at the time limit.
     */
    private final class Reading implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final boolean declared;
        private final MemoryBudget.Lease lease;
        private final List<byte[]> chunks = new ArrayList<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean completed = new AtomicBoolean();
        private volatile boolean draining;
        private byte[] chunk;
        private int used;
        private long length;

        /** @param lease what the call holds; {@code null} for a call refused before it held anything */
        Reading(AsyncContext async, ServletInputStream in, long declared, MemoryBudget.Lease lease) {
            this.async = async;
            this.in = in;
            this.declared = declared > 0;
            this.lease = lease;
        }

        @Override
        public void onDataAvailable() throws IOException {
            try {
                if (draining) {
                    drop();
                } else {
                    take();
                }
            } catch (IOException e) {
                if (draining) {
                    // The client is gone or sent what cannot be framed: it has its answer already.
                    complete();
                    return;
                }
                unreadable(e);
                throw e;
            }
        }

        /**
         * Answers the refusal now and reads the rest of the body only to drop it, so that the
         * connection is closed on a body read whole and the answer reaches the client.
         *
         * @return whether the body is to be drained: false when the client is gone
         */
        boolean drain(Refusal refusal) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            if (lease != null) {
                lease.close();
            }
            chunks.clear();
            chunk = null;
            draining = true;
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                answer(response, refusal);
                response.flushBuffer();
                return true;
            } catch (IOException | IllegalStateException e) {
                // The client is gone: nobody to answer, nothing to drain.
                complete();
                return false;
            }
        }

        /** Ends the call once, whichever of the body's end, the limit, the time limit or an error comes first. */
        private void complete() {
            if (completed.compareAndSet(false, true)) {
                async.complete();
            }
        }

        private void drop() throws IOException {
            while (in.isReady()) {
                int read = in.read(DROPPED, 0, DROPPED.length);
                if (read < 0) {
                    return;
                }
                length += read;
                if (length > maxBytes) {
                    // Past the limit: what is still to come is not read, whatever it costs the client.
                    complete();
                    return;
                }
            }
        }

        private void take() throws IOException {
            while (!ended.get() && in.isReady()) {
                if (chunk == null || used == chunk.length) {
                    chunk = new byte[CHUNK];
                    used = 0;
                    chunks.add(chunk);
                    if (!declared) {
                        try {
                            lease.hold(CHUNK);
                        } catch (MemoryBudget.Exhausted e) {
                            if (drain(Refusal.of(e))) {
                                drop();
                            }
                            return;
                        }
                    }
                }
                int read = in.read(chunk, used, chunk.length - used);
                if (read < 0) {
                    return;
                }
                used += read;
                length += read;
                if (length > maxBytes) {
                    end(Refusal.tooLarge(maxBytes));
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            if (draining) {
                complete();
                return;
            }
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            if (chunk != null && used < chunk.length) {
                chunks.set(chunks.size() - 1, Arrays.copyOf(chunk, used));
            }
            async.getRequest().setAttribute(BODY, new Body(List.copyOf(chunks), length, lease));
            async.dispatch();
        }

        /**
         * The body could not be read: a broken chunk, trailers past the container's limits, a client
         * gone. The container answers from its error page ({@link ContainerErrors}): 400.
         */
        @Override
        public void onError(Throwable t) {
            unreadable(t);
        }

        private void unreadable(Throwable t) {
            if (draining) {
                return;
            }
            async.getRequest().setAttribute(ContainerErrors.UNREADABLE, Boolean.TRUE);
            if (ended.compareAndSet(false, true)) {
                log.debug("request body not read: {}", t.getClass().getSimpleName());
                lease.close();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            if (draining) {
                // Answered already; the rest of the body is given up on and the connection closed.
                complete();
                return;
            }
            end(new Refusal(
                    HttpServletResponse.SC_REQUEST_TIMEOUT,
                    "request-timeout",
                    "request body not received within " + timeout.toSeconds() + " s",
                    false));
        }

        @Override
        public void onError(AsyncEvent event) {
            unreadable(event.getThrowable() == null ? new IOException("request failed") : event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // However the call ended, what it held is given back (closing twice gives back nothing more).
            ended.set(true);
            completed.set(true);
            if (lease != null) {
                lease.close();
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // The body is read once.
        }

        private void end(Refusal refusal) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            lease.close();
            try {
                answer((HttpServletResponse) async.getResponse(), refusal);
            } catch (IOException | IllegalStateException e) {
                // The client is gone: nobody to answer.
            } finally {
                complete();
            }
        }
    }

    /** The request with its body from memory. */
    private static final class Buffered extends HttpServletRequestWrapper {

        private final Body body;
        private ServletInputStream stream;

        Buffered(HttpServletRequest request, Body body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new FromMemory(body.chunks());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return (int) Math.min(Integer.MAX_VALUE, body.length());
        }

        @Override
        public long getContentLengthLong() {
            return body.length();
        }
    }

    /** A body's chunks, read in order. */
    private static final class FromMemory extends ServletInputStream {

        private final List<byte[]> chunks;
        private int index;
        private int offset;

        FromMemory(List<byte[]> chunks) {
            this.chunks = chunks;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int at, int length) {
            while (index < chunks.size() && offset == chunks.get(index).length) {
                index++;
                offset = 0;
            }
            if (index == chunks.size()) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            byte[] current = chunks.get(index);
            int n = Math.min(length, current.length - offset);
            System.arraycopy(current, offset, buffer, at, n);
            offset += n;
            return n;
        }

        @Override
        public boolean isFinished() {
            return index == chunks.size() || (index == chunks.size() - 1 && offset == chunks.get(index).length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
