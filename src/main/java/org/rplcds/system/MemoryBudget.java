package org.rplcds.system;

import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the calls in flight may hold of the heap together. Each call takes a {@link Lease} for its
 * own part and adds to it what it takes in as it goes: the bytes of its body, and for every
 * resource it keeps, from its prefetch or from the client's FHIR server, the heap that resource
 * will cost ({@link #HEAP_PER_JSON_BYTE} for each byte of its JSON). A call that finds no room is
 * refused at once, to be sent again; one that alone needs more than the whole budget is too large.
 * Every byte is given back when the call ends.
 *
 * <p>Calls grow as they read, so calls that came together could each find no room halfway and all
 * be refused. The oldest call in flight is therefore never refused for want of room: it may take
 * the budget and half again ({@link #OVERDRAFT}), the calls after it are refused as they next ask,
 * and so one call always goes through. The calls in flight hold at most 1.5 times the budget.
 */
public final class MemoryBudget {

    /**
     * Heap a kept resource costs for each byte of its JSON, from its tree to its facts: eight calls
     * at once, each with 17,000 Conditions the facts keep (9.5 MB of JSON), held 600 to 690 MB of
     * live heap between them (serial collector, heap after each collection), about 8 bytes for
     * each byte read; 10 leaves room for what was not measured.
     */
    public static final int HEAP_PER_JSON_BYTE = 10;

    /** Heap any call holds whatever it reads: the answer, the rules' work, the container's buffers. */
    public static final long PER_CALL = 256 * 1024;

    /** What the oldest call in flight may take beyond the budget, as a share of it. */
    static final double OVERDRAFT = 0.5;

    private static final ThreadLocal<Lease> CURRENT = new ThreadLocal<>();

    private final AtomicLong leases = new AtomicLong();
    private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

    private final long capacity;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();

    /** @param capacity heap, in bytes, the calls in flight may hold together */
    public MemoryBudget(long capacity) {
        if (capacity < PER_CALL) {
            throw new IllegalArgumentException("a memory budget must hold at least one call");
        }
        this.capacity = capacity;
    }

    /** The share {@code percent} of the JVM's maximum heap. */
    public static MemoryBudget ofHeap(int percent) {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 100 * percent);
    }

    public long capacity() {
        return capacity;
    }

    /** Heap the calls in flight hold now. */
    public long held() {
        return held.get();
    }

    /** Calls refused for want of room since the start. */
    public long refusals() {
        return refusals.get();
    }

    /**
     * A lease for one call, holding {@link #PER_CALL}.
     *
     * @throws Exhausted when there is no room for one more call
     */
    public Lease open() {
        Lease lease = new Lease();
        lease.hold(PER_CALL);
        return lease;
    }

    /** The lease of the call this thread works for, when it works for one. */
    public static Optional<Lease> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    private boolean take(long bytes, long limit) {
        while (true) {
            long now = held.get();
            if (now + bytes > limit) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** The heap one call holds, given back all at once when it ends. */
    public final class Lease implements AutoCloseable {

        private final AtomicLong mine = new AtomicLong();
        private final long number = leases.incrementAndGet();
        private volatile Exhausted refused;
        private volatile boolean closed;

        private Lease() {
            open.add(number);
        }

        private boolean oldest() {
            Long first = open.isEmpty() ? null : open.first();
            return first != null && first == number;
        }

        /**
         * Adds {@code bytes} of heap to the call's part.
         *
         * @throws Exhausted when the budget has no room for them; the call is then refused
         */
        public void hold(long bytes) {
            if (refused != null) {
                throw refused;
            }
            if (closed) {
                throw new IllegalStateException("the call has ended");
            }
            boolean alone = mine.get() + bytes > capacity;
            if (!alone
                    && (take(bytes, capacity) || (oldest() && take(bytes, capacity + (long) (capacity * OVERDRAFT))))) {
                mine.addAndGet(bytes);
                return;
            }
            refusals.incrementAndGet();
            refused = new Exhausted(alone);
            closeLease();
            throw refused;
        }

        /** Adds the heap of a kept JSON value of {@code jsonBytes}. */
        public void holdJson(long jsonBytes) {
            hold(jsonBytes * HEAP_PER_JSON_BYTE);
        }

        /** Why the call was refused, when a hold found no room. */
        public Optional<Exhausted> refused() {
            return Optional.ofNullable(refused);
        }

        public long held() {
            return mine.get();
        }

        /** This lease is the thread's {@link #current()} until the scope closes. */
        public Scope bind() {
            Lease before = CURRENT.get();
            CURRENT.set(this);
            return () -> {
                if (before == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(before);
                }
            };
        }

        @Override
        public void close() {
            closed = true;
            closeLease();
        }

        /** Gives back what the call holds; a refused call holds nothing from the refusal on. */
        private void closeLease() {
            open.remove(number);
            held.addAndGet(-mine.getAndSet(0));
        }
    }

    /** The time a lease is a thread's current one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A call the budget has no room for. {@link #alone()} when the call by itself needs more than
     * the whole budget: sending it again cannot help.
     */
    public static final class Exhausted extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean alone;

        Exhausted(boolean alone) {
            super(
                    alone
                            ? "the call needs more memory than the service gives all calls together"
                            : "the service is answering as many calls as its memory allows",
                    null,
                    false,
                    false);
            this.alone = alone;
        }

        public boolean alone() {
            return alone;
        }
    }
}
