package io.mailserver.smtp;

import io.mailserver.testkit.mta.Postfix;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A real MTA beside the application under test: a private Postfix instance from Debian taking mail
 * for {@value #DOMAIN}, which smtp-service routes to. Tests reach it again through
 * {@code test.postfix.dir} ({@link Postfix#at}).
 */
public final class PostfixResource implements QuarkusTestResourceLifecycleManager {

    public static final String DOMAIN = "postfix.test";

    private Postfix postfix;

    @Override
    public Map<String, String> start() {
        try {
            // searchable by the postfix account, unlike a default temporary directory
            Path dir = Files.createTempDirectory("postfix", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
            postfix = Postfix.start(dir.resolve("instance"), DOMAIN);
            return Map.of(
                    "mail.smtp.delivery.routes.\"" + DOMAIN + "\"", "127.0.0.1:" + postfix.port(),
                    "mail.smtp.delivery.poll-interval", "500ms",
                    "mail.smtp.delivery.retry-base", "1s",
                    "test.postfix.dir", dir.resolve("instance").toString(),
                    "test.postfix.port", Integer.toString(postfix.port()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (postfix != null) {
            postfix.close();
        }
    }
}
