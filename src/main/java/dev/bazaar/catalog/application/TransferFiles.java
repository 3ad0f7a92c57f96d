package dev.bazaar.catalog.application;

import dev.bazaar.catalog.domain.TransferRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.ObjIntConsumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The files of imports and exports, kept in PostgreSQL in chunks of {@value #CHUNK_BYTES} bytes: any instance can read
 * what another stored, and no reader or writer holds more than one chunk.
 */
@Component
class TransferFiles {

    static final int CHUNK_BYTES = 256 * 1024;

    private final TransferRepository transfers;
    private final TransactionTemplate readOnly;

    TransferFiles(TransferRepository transfers, PlatformTransactionManager transactionManager) {
        this.transfers = transfers;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    /** Stores all of {@code in} as the transfer's file, in the caller's transaction; returns its size in bytes. */
    long store(UUID tenant, UUID id, InputStream in) throws IOException {
        try (ChunkWriter writer = new ChunkWriter((chunk, seq) -> transfers.insertChunk(tenant, id, seq, chunk))) {
            in.transferTo(writer);
            writer.close();
            return writer.written;
        }
    }

    /** The transfer's file; each chunk is fetched in a short read-only transaction of its own when reached. */
    InputStream open(UUID tenant, UUID id) {
        return new ChunkReader(seq -> readOnly.execute(status -> transfers.chunk(tenant, id, seq).orElse(null)));
    }

    /** Buffers one chunk and hands each full one (and the last) to the sink with its sequence number. */
    static final class ChunkWriter extends OutputStream {
        private final ObjIntConsumer<byte[]> sink;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private int filled;
        private int seq;
        private long written;
        private boolean closed;

        ChunkWriter(ObjIntConsumer<byte[]> sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            while (length > 0) {
                int n = Math.min(length, CHUNK_BYTES - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                written += n;
                if (filled == CHUNK_BYTES) {
                    emit();
                }
            }
        }

        private void emit() {
            if (filled > 0) {
                sink.accept(Arrays.copyOf(buffer, filled), seq++);
                filled = 0;
            }
        }

        long written() {
            return written;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                emit();
            }
        }
    }

    @FunctionalInterface
    interface ChunkSource {
        byte @org.jspecify.annotations.Nullable [] chunk(int seq);
    }

    private static final class ChunkReader extends InputStream {
        private final ChunkSource source;
        private byte[] current = new byte[0];
        private int position;
        private int seq;
        private boolean ended;

        ChunkReader(ChunkSource source) {
            this.source = source;
        }

        private boolean fill() {
            while (!ended && position >= current.length) {
                byte[] next = source.chunk(seq++);
                if (next == null) {
                    ended = true;
                } else {
                    current = next;
                    position = 0;
                }
            }
            return !ended;
        }

        @Override
        public int read() {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, bytes, offset, n);
            position += n;
            return n;
        }
    }
}
