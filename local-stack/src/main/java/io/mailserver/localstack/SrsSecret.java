package io.mailserver.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local system's SRS secret (smtp-service's {@code mail.smtp.forwarding.srs-secrets}): made once
 * per data directory and kept there, readable by its owner only, so bounces to addresses forwarded
 * before a restart still find their sender.
 */
final class SrsSecret {

    private static final String FILE = "srs-secret";

    private SrsSecret() {
    }

    static String ensure(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(dataDir);
                Path partial = Files.createTempFile(dataDir, FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(partial, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read " + file, e);
        }
    }
}
