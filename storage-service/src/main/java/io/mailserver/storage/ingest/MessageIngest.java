package io.mailserver.storage.ingest;

import io.mailserver.storage.blob.BlobId;
import io.mailserver.storage.blob.CompressedBlob;
import io.mailserver.storage.config.StorageConfig;
import io.mailserver.storage.failure.StorageException;
import io.mailserver.storage.mime.BinaryParts;
import io.mailserver.storage.mime.MessageParser;
import io.mailserver.storage.mime.ParsedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The shared path of Deliver and AppendMessage from received bytes to a storable message: SHA-256,
 * zstd and the one parse, all on a worker thread (a 50 MiB message must not stall an event loop).
 */
@ApplicationScoped
public class MessageIngest {

    private final StorageConfig config;
    private final MessageParser parser;

    public MessageIngest(StorageConfig config) {
        this.config = config;
        StorageConfig.Message m = config.message();
        this.parser = new MessageParser(new MessageParser.Limits(m.maxMimeDepth(), m.maxMimeParts(),
                m.searchHeadersLimit(), m.indexTextLimit()));
    }

    public long maxSize() {
        return config.message().maxSize();
    }

    /** Checks the received length against the announced one (0 = not announced). */
    public static void checkSize(long announced, long received) {
        if (announced > 0 && announced != received) {
            throw StorageException.invalidArgument("received " + received + " bytes, announced " + announced);
        }
    }

    public Uni<IngestedMessage> ingest(byte[] raw) {
        return Uni.createFrom().item(() -> prepare(raw))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * An IMAP APPEND: like {@link #ingest}, but parts declared binary are stored in base64 first
     * ({@link BinaryParts}).
     */
    public Uni<IngestedMessage> ingestAppended(byte[] raw) {
        StorageConfig.Message m = config.message();
        return Uni.createFrom().item(() -> prepare(BinaryParts.asBase64(raw, m.maxMimeDepth(), m.maxMimeParts())))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * Hash and compression without the parse: content kept whole and only ever read whole (a message
     * in the outbound queue).
     */
    public Uni<CompressedBlob> blob(byte[] raw) {
        return Uni.createFrom().item(() -> compress(raw)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static CompressedBlob compress(byte[] raw) {
        byte[] sha;
        try {
            sha = MessageDigest.getInstance("SHA-256").digest(raw);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
        return CompressedBlob.of(BlobId.of(sha), raw);
    }

    IngestedMessage prepare(byte[] raw) {
        CompressedBlob blob = compress(raw);
        ParsedMessage parsed = parser.parse(raw);
        byte[] header = Arrays.copyOfRange(raw, 0, parsed.headerLength());
        return new IngestedMessage(raw.length, blob, parsed, header);
    }
}
