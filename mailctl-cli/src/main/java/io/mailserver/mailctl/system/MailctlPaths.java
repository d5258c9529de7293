package io.mailserver.mailctl.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Where mailctl keeps things: the source tree it runs from and the data directory. */
public record MailctlPaths(Path home, Path dataDir) {

    public static MailctlPaths fromEnvironment(Path home) {
        String data = System.getenv("MAILCTL_DATA");
        Path dataDir = data == null || data.isBlank() ? home.resolve("data") : Path.of(data).toAbsolutePath();
        return new MailctlPaths(home, dataDir);
    }

    public Path pidFile() {
        return dataDir.resolve("mailctl.pid");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path tokenFile() {
        return dataDir.resolve("admin-token");
    }

    /** The admin API token, created (random, owner-readable only) the first time it is needed by {@code up}. */
    public String ensureAdminToken() {
        try {
            if (Files.isReadable(tokenFile())) {
                return Files.readString(tokenFile()).trim();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = HexFormat.of().formatHex(random);
            Files.writeString(tokenFile(), token + "\n");
            try {
                Files.setPosixFilePermissions(tokenFile(), PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // nothing to restrict on this file system
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tokenFile(), e);
        }
    }
}
