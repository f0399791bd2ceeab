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

    private final AtomicLong remaining;

    CappedInputStream(InputStream in, AtomicLong remaining) {
        super(in);
        this.remaining = remaining;
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
        if (remaining.addAndGet(-bytes) < 0) {
            throw new PageParser.LimitException("more bytes than the limit of one search");
        }
    }
}
