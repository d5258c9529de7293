package io.mailserver.testkit.quarkus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The application a Quarkus test runs, by its {@code quarkus.application.name}. */
final class ApplicationUnderTest {

    private ApplicationUnderTest() {
    }

    static String name() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : ApplicationUnderTest.class.getClassLoader())
                .getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the test class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            String name = properties.getProperty("quarkus.application.name");
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("application.properties sets no quarkus.application.name");
            }
            return name.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
