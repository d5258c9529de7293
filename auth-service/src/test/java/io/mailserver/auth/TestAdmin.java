package io.mailserver.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The admin API as tests use it to set up domains, accounts and aliases (with the test token). */
public final class TestAdmin {

    /** {@code %test.mail.admin.token} in application.properties. */
    public static final String TOKEN = "test-admin-token";

    private TestAdmin() {
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType(ContentType.JSON);
    }

    /** A domain name no other test uses (all test classes share one database). */
    public static String uniqueDomain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    public static void addDomain(String name) {
        admin().body(Map.of("name", name)).post("/api/v1/domains").then().statusCode(201);
    }

    public static long addAccount(String address, String password) {
        return admin().body(Map.of("address", address, "password", password))
                .post("/api/v1/accounts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static void addAlias(String address, List<String> targets) {
        admin().body(Map.of("address", address, "targets", targets))
                .post("/api/v1/aliases").then().statusCode(201);
    }
}
