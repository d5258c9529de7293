package io.mailserver.imap;

import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the tests of imap-service against real peers share: the peers and ports as test resources,
 * the plain IMAP port, and one {@link MailFixture} (users, deliveries, limits) per test class.
 * Subclasses still carry {@code @QuarkusTest} themselves.
 */
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ImapSessionTest {

    @ConfigProperty(name = "mail.imap.port")
    int port;

    MailFixture fixture;

    @BeforeAll
    void openFixture() {
        fixture = new MailFixture();
    }

    @AfterAll
    void closeFixture() {
        fixture.close();
    }
}
