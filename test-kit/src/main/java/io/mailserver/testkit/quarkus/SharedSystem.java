package io.mailserver.testkit.quarkus;

import io.mailserver.localstack.LocalMailSystem;
import io.mailserver.localstack.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one local system of this test JVM.
 *
 * <p>It is a static of this class, so it is one per class loader: a Quarkus {@code @TestProfile}
 * restarts the application in a new class loader and would start a second system. Tests that use
 * these resources vary configuration through the resources, not through test profiles.
 */
public final class SharedSystem {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private static LocalMailSystem system;

    private SharedSystem() {
    }

    public static synchronized LocalMailSystem get() {
        if (system == null) {
            try {
                Path dataDir = Files.createTempDirectory("mailserver-test-");
                system = new LocalMailSystem(new LocalMailSystem.Settings(
                        LocalMailSystem.findHome(), dataDir, Ports.random(), "mail.test.local", ADMIN_TOKEN));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    system.close();
                    deleteQuietly(dataDir);
                }, "stop-shared-system"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return system;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is harmless
        }
    }
}
