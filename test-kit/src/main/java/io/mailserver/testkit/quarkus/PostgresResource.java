package io.mailserver.testkit.quarkus;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real PostgreSQL for an application that owns a schema (auth-service, storage-service). */
public final class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        SharedSystem.get().startPostgres();
        return SharedSystem.get().datasource();
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped at exit
    }
}
