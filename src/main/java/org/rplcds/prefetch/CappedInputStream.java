package org.rplcds.prefetch;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An answer's body, read until a byte budget shared by every page of one search is spent: the
 * read then fails instead of taking in what a server sends without end.
 */
final class CappedInputStream extends FilterInputStream {

    /**
     * Most bytes one JSON value (a Bundle entry, a resource) may take: the parser builds a tree of
     * each value, many times larger than its bytes, so one value without end must stop early.
     */
    static final long MAX_VALUE_BYTES = 2L * 1024 * 1024;

    private final AtomicLong remaining;
    private long read;
    private long valueStart = -1;

    CappedInputStream(InputStream in, AtomicLong remaining) {
        super(in);
        this.remaining = remaining;
    }

    /** A value starts: from here on at most {@link #MAX_VALUE_BYTES} until {@link #valueRead()}. */
    void valueStarts() {
        valueStart = read;
    }

    void valueRead() {
        valueStart = -1;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            spend(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            spend(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        spend(skipped);
        return skipped;
    }

    private void spend(long bytes) throws IOException {
        read += bytes;
        if (remaining.addAndGet(-bytes) < 0) {
            throw new PageParser.LimitException("more bytes than the limit of one search");
        }
        // The parser reads ahead a buffer at a time: a value is cut off within a buffer of its limit.
        if (valueStart >= 0 && read - valueStart > MAX_VALUE_BYTES + 64 * 1024) {
            throw new PageParser.LimitException(
                    "a value longer than the limit of " + MAX_VALUE_BYTES / (1024 * 1024) + " MB");
        }
    }
}
