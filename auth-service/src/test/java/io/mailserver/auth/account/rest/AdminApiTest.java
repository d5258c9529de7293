package io.mailserver.auth.account.rest;

import static io.mailserver.auth.TestAdmin.addAccount;
import static io.mailserver.auth.TestAdmin.addAlias;
import static io.mailserver.auth.TestAdmin.addDomain;
import static io.mailserver.auth.TestAdmin.admin;
import static io.mailserver.auth.TestAdmin.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.mailserver.contracts.auth.v1.AuthService;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin REST API ({@code /api/v1}) against real PostgreSQL and Kafka. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class AdminApiTest {

    @GrpcClient("auth")
    AuthService auth;

    static Stream<Arguments> everyEndpoint() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/domains", "{\"name\":\"x.test\"}"),
                Arguments.of("GET", "/api/v1/domains", null),
                Arguments.of("DELETE", "/api/v1/domains/x.test", null),
                Arguments.of("POST", "/api/v1/accounts", "{\"address\":\"a@x.test\",\"password\":\"long-enough\"}"),
                Arguments.of("GET", "/api/v1/accounts", null),
                Arguments.of("GET", "/api/v1/accounts/a@x.test", null),
                Arguments.of("PUT", "/api/v1/accounts/a@x.test/password", "{\"password\":\"long-enough\"}"),
                Arguments.of("PATCH", "/api/v1/accounts/a@x.test", "{\"enabled\":false}"),
                Arguments.of("DELETE", "/api/v1/accounts/a@x.test", null),
                Arguments.of("POST", "/api/v1/aliases", "{\"address\":\"b@x.test\",\"targets\":[\"a@x.test\"]}"),
                Arguments.of("GET", "/api/v1/aliases", null),
                Arguments.of("DELETE", "/api/v1/aliases/b@x.test", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyEndpoint")
    void everyEndpointRefusesRequestsWithoutTheToken(String method, String path, String body) {
        var withoutToken = given().contentType(ContentType.JSON);
        var wrongToken = given().contentType(ContentType.JSON).header("Authorization", "Bearer not-the-token");
        var otherScheme = given().contentType(ContentType.JSON).header("Authorization", "Basic dGVzdA==");
        for (var request : List.of(withoutToken, wrongToken, otherScheme)) {
            if (body != null) {
                request.body(body);
            }
            request.request(method, path).then()
                    .statusCode(401)
                    .contentType(ContentType.JSON)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("error", notNullValue());
        }
    }

    @Test
    void domainsCanBeAddedListedAndRemoved() {
        String domain = uniqueDomain("domains");

        admin().body(Map.of("name", domain.toUpperCase())).post("/api/v1/domains").then()
                .statusCode(201)
                .body("name", equalTo(domain))
                .body("createdAt", notNullValue());
        admin().get("/api/v1/domains").then()
                .statusCode(200)
                .body("name", hasItem(domain));
        admin().delete("/api/v1/domains/" + domain).then().statusCode(204);
        admin().get("/api/v1/domains").then()
                .statusCode(200)
                .body("name", not(hasItem(domain)));
    }

    @Test
    void domainValidationAndConflicts() {
        String domain = uniqueDomain("dup");
        addDomain(domain);

        expectError(admin().body(Map.of("name", domain)).post("/api/v1/domains").then(), 409);
        expectError(admin().body(Map.of("name", "not a domain")).post("/api/v1/domains").then(), 400);
        expectError(admin().body(Map.of("name", "")).post("/api/v1/domains").then(), 400);
        expectError(admin().body("{}").post("/api/v1/domains").then(), 400);
        expectError(admin().body("{\"name\":").post("/api/v1/domains").then(), 400);
        expectError(admin().delete("/api/v1/domains/" + uniqueDomain("missing")).then(), 404);
    }

    @Test
    void domainInUseCannotBeRemoved() {
        String domain = uniqueDomain("inuse");
        addDomain(domain);
        addAccount("alice@" + domain, "alice-password");

        expectError(admin().delete("/api/v1/domains/" + domain).then(), 409);

        admin().delete("/api/v1/accounts/alice@" + domain).then().statusCode(204);
        admin().delete("/api/v1/domains/" + domain).then().statusCode(204);
    }

    @Test
    void accountLifecycle() {
        String domain = uniqueDomain("accounts");
        addDomain(domain);

        String created = admin()
                .body(Map.of("address", "Alice@" + domain.toUpperCase(), "password", "alice-password",
                        "displayName", "Alice", "quotaBytes", 1_000_000))
                .post("/api/v1/accounts").then()
                .statusCode(201)
                .body("id", notNullValue())
                .body("address", equalTo("alice@" + domain))
                .body("domain", equalTo(domain))
                .body("displayName", equalTo("Alice"))
                .body("enabled", equalTo(true))
                .body("quotaBytes", equalTo(1_000_000))
                .extract().asString();
        assertThat(created).doesNotContain("argon2").doesNotContain("password");

        admin().body(Map.of("address", "bob@" + domain, "password", "bob-password")).post("/api/v1/accounts").then()
                .statusCode(201)
                .body("displayName", equalTo(""))
                .body("quotaBytes", equalTo(0));

        admin().get("/api/v1/accounts/ALICE@" + domain).then()
                .statusCode(200)
                .body("address", equalTo("alice@" + domain));
        String all = admin().get("/api/v1/accounts").then().statusCode(200)
                .body("address", hasItem("alice@" + domain))
                .extract().asString();
        assertThat(all).doesNotContain("argon2");
        admin().queryParam("domain", domain).get("/api/v1/accounts").then()
                .statusCode(200)
                .body("address", equalTo(List.of("alice@" + domain, "bob@" + domain)));

        admin().body(Map.of("displayName", "Alice A.", "quotaBytes", 5)).patch("/api/v1/accounts/alice@" + domain).then()
                .statusCode(200)
                .body("displayName", equalTo("Alice A."))
                .body("quotaBytes", equalTo(5))
                .body("enabled", equalTo(true));

        admin().delete("/api/v1/accounts/bob@" + domain).then().statusCode(204);
        expectError(admin().get("/api/v1/accounts/bob@" + domain).then(), 404);
        expectError(admin().delete("/api/v1/accounts/bob@" + domain).then(), 404);
    }

    @Test
    void accountValidationAndConflicts() {
        String domain = uniqueDomain("accval");
        addDomain(domain);
        addAccount("alice@" + domain, "alice-password");
        addAlias("sales@" + domain, List.of("alice@" + domain));

        String unknown = uniqueDomain("nowhere");
        expectError(admin().body(Map.of("address", "x@" + unknown, "password", "long-enough"))
                .post("/api/v1/accounts").then(), 404)
                .body("error", containsString("add the domain first"));
        expectError(admin().body(Map.of("address", "ALICE@" + domain, "password", "long-enough"))
                .post("/api/v1/accounts").then(), 409);
        expectError(admin().body(Map.of("address", "sales@" + domain, "password", "long-enough"))
                .post("/api/v1/accounts").then(), 409);
        expectError(admin().body(Map.of("address", "not an address", "password", "long-enough"))
                .post("/api/v1/accounts").then(), 400);
        expectError(admin().body(Map.of("address", "carol@" + domain, "password", "short"))
                .post("/api/v1/accounts").then(), 400)
                .body("error", containsString("at least 8"));
        expectError(admin().body(Map.of("address", "carol@" + domain))
                .post("/api/v1/accounts").then(), 400);
        expectError(admin().body(Map.of("address", "carol@" + domain, "password", "long-enough", "quotaBytes", -1))
                .post("/api/v1/accounts").then(), 400);
        expectError(admin().get("/api/v1/accounts/nobody@" + domain).then(), 404);
        expectError(admin().queryParam("domain", unknown).get("/api/v1/accounts").then(), 404);
        expectError(admin().body(Map.of("password", "x")).put("/api/v1/accounts/alice@" + domain + "/password").then(), 400);
        expectError(admin().body(Map.of("password", "long-enough")).put("/api/v1/accounts/nobody@" + domain + "/password").then(), 404);
    }

    @Test
    void passwordChangeTakesEffectForLogins() {
        String domain = uniqueDomain("passwd");
        addDomain(domain);
        String alice = "alice@" + domain;
        addAccount(alice, "old-password");
        assertThat(login(alice, "old-password").hasAccount()).isTrue();

        admin().body(Map.of("password", "new-password")).put("/api/v1/accounts/" + alice + "/password").then()
                .statusCode(204);

        assertThat(login(alice, "new-password").hasAccount()).isTrue();
        assertThat(login(alice, "old-password").hasAccount()).isFalse();
    }

    @Test
    void aliasLifecycleAndValidation() {
        String domain = uniqueDomain("aliases");
        addDomain(domain);
        addAccount("alice@" + domain, "alice-password");
        addAccount("bob@" + domain, "bob-password");

        admin().body(Map.of("address", "Team@" + domain, "targets", List.of("bob@" + domain, "ALICE@" + domain)))
                .post("/api/v1/aliases").then()
                .statusCode(201)
                .body("address", equalTo("team@" + domain))
                .body("targets", equalTo(List.of("alice@" + domain, "bob@" + domain)));
        admin().get("/api/v1/aliases").then()
                .statusCode(200)
                .body("find { it.address == 'team@" + domain + "' }.targets",
                        equalTo(List.of("alice@" + domain, "bob@" + domain)));

        expectError(admin().body(Map.of("address", "team@" + domain, "targets", List.of("alice@" + domain)))
                .post("/api/v1/aliases").then(), 409);
        expectError(admin().body(Map.of("address", "alice@" + domain, "targets", List.of("bob@" + domain)))
                .post("/api/v1/aliases").then(), 409);
        expectError(admin().body(Map.of("address", "ext@" + domain, "targets", List.of("someone@" + domain)))
                .post("/api/v1/aliases").then(), 400)
                .body("error", containsString("someone@" + domain));
        expectError(admin().body(Map.of("address", "ext@" + domain, "targets", List.of("team@" + domain)))
                .post("/api/v1/aliases").then(), 400);
        expectError(admin().body(Map.of("address", "empty@" + domain, "targets", List.of()))
                .post("/api/v1/aliases").then(), 400);
        expectError(admin().body(Map.of("address", "x@" + uniqueDomain("nowhere"), "targets", List.of("alice@" + domain)))
                .post("/api/v1/aliases").then(), 404);

        admin().delete("/api/v1/aliases/team@" + domain).then().statusCode(204);
        expectError(admin().delete("/api/v1/aliases/team@" + domain).then(), 404);
        admin().get("/api/v1/aliases").then()
                .statusCode(200)
                .body("address", not(hasItem("team@" + domain)));
    }

    @Test
    void aliasesForwardToOtherDomains() {
        String domain = uniqueDomain("forwards");
        addDomain(domain);
        addAccount("alice@" + domain, "alice-password");

        admin().body(Map.of("address", "fwd@" + domain, "targets", List.of("Someone@Elsewhere.test", "alice@" + domain)))
                .post("/api/v1/aliases").then()
                .statusCode(201)
                .body("targets", equalTo(List.of("Someone@elsewhere.test", "alice@" + domain)));
        expectError(admin().body(Map.of("address", "bad@" + domain, "targets", List.of("not an address")))
                .post("/api/v1/aliases").then(), 400);
        // a local part that lower-cases to ASCII only by Unicode's rules is kept in its canonical form
        admin().body(Map.of("address", "kelvin@" + domain, "targets", List.of("\u212Aarl@elsewhere.test")))
                .post("/api/v1/aliases").then()
                .statusCode(201)
                .body("targets", equalTo(List.of("karl@elsewhere.test")));

        // a forward is somewhere to deliver: the alias outlives its last account
        admin().delete("/api/v1/accounts/alice@" + domain).then().statusCode(204);
        admin().get("/api/v1/aliases").then()
                .statusCode(200)
                .body("find { it.address == 'fwd@" + domain + "' }.targets", equalTo(List.of("Someone@elsewhere.test")));
    }

    @Test
    void deletingAnAccountTakesItOutOfItsAliases() {
        String domain = uniqueDomain("aliasdel");
        addDomain(domain);
        addAccount("alice@" + domain, "alice-password");
        addAccount("bob@" + domain, "bob-password");
        addAlias("both@" + domain, List.of("alice@" + domain, "bob@" + domain));
        addAlias("justbob@" + domain, List.of("bob@" + domain));

        admin().delete("/api/v1/accounts/bob@" + domain).then().statusCode(204);

        admin().get("/api/v1/aliases").then()
                .statusCode(200)
                .body("find { it.address == 'both@" + domain + "' }.targets", equalTo(List.of("alice@" + domain)))
                .body("address", not(hasItem("justbob@" + domain)));
    }

    @Test
    void openApiDescribesTheAdminApi() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body(containsString("/api/v1/accounts"))
                .body(containsString("/api/v1/aliases"));
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka"))
                .body(containsString("PostgreSQL"));
    }

    private AuthenticateResponse login(String username, String secret) {
        return auth.authenticate(AuthenticateRequest.newBuilder()
                        .setUsername(username).setSecret(secret).setProtocol(Protocol.PROTOCOL_IMAP)
                        .setRemoteAddress("192.0.2.10").setMechanism("PLAIN").build())
                .await().atMost(Duration.ofSeconds(30));
    }

    private static ValidatableResponse expectError(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(ContentType.JSON).body("error", notNullValue());
    }
}
