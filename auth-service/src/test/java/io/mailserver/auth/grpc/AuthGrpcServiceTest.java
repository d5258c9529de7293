package io.mailserver.auth.grpc;

import static io.mailserver.auth.TestAdmin.addAccount;
import static io.mailserver.auth.TestAdmin.addAlias;
import static io.mailserver.auth.TestAdmin.addDomain;
import static io.mailserver.auth.TestAdmin.admin;
import static io.mailserver.auth.TestAdmin.uniqueDomain;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.mailserver.contracts.auth.v1.Account;
import io.mailserver.contracts.auth.v1.AuthFailure;
import io.mailserver.contracts.auth.v1.AuthService;
import io.mailserver.contracts.auth.v1.AuthenticateRequest;
import io.mailserver.contracts.auth.v1.AuthenticateResponse;
import io.mailserver.contracts.auth.v1.GetAccountRequest;
import io.mailserver.contracts.auth.v1.Protocol;
import io.mailserver.contracts.auth.v1.ResolveRecipientRequest;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse;
import io.mailserver.contracts.auth.v1.ResolveRecipientResponse.Kind;
import io.mailserver.testkit.quarkus.GrpcServerResource;
import io.mailserver.testkit.quarkus.KafkaResource;
import io.mailserver.testkit.quarkus.PostgresResource;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mail.auth.v1.AuthService} over real gRPC, with data set up through the admin API. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(GrpcServerResource.class)
class AuthGrpcServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @GrpcClient("auth")
    AuthService auth;

    private String domain;
    private String alice;
    private long aliceId;
    private long bobId;

    @BeforeEach
    void setUp() {
        domain = uniqueDomain("grpc");
        addDomain(domain);
        alice = "alice@" + domain;
        aliceId = addAccount(alice, "alice-password");
        bobId = addAccount("bob@" + domain, "bob-password");
    }

    @Test
    void authenticateAnswersTheAccount() {
        AuthenticateResponse response = login(alice, "alice-password");

        assertThat(response.hasAccount()).isTrue();
        Account account = response.getAccount();
        assertThat(account.getAccountId()).isEqualTo(aliceId);
        assertThat(account.getAddress()).isEqualTo(alice);
        assertThat(account.getDomain()).isEqualTo(domain);
        assertThat(account.getEnabled()).isTrue();
    }

    @Test
    void usernameIsCaseInsensitive() {
        AuthenticateResponse response = login(" ALICE@" + domain.toUpperCase() + " ", "alice-password");

        assertThat(response.getAccount().getAccountId()).isEqualTo(aliceId);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        AuthenticateResponse wrongPassword = login(alice, "not-alices-password");
        AuthenticateResponse unknownUser = login("nobody@" + domain, "alice-password");
        AuthenticateResponse unknownDomain = login("alice@" + uniqueDomain("nowhere"), "alice-password");
        AuthenticateResponse noDomain = login("alice", "alice-password");
        AuthenticateResponse caseOfSecretMatters = login(alice, "ALICE-PASSWORD");

        assertThat(wrongPassword.getFailure().getReason()).isEqualTo(AuthFailure.Reason.INVALID_CREDENTIALS);
        for (AuthenticateResponse other : List.of(unknownUser, unknownDomain, noDomain, caseOfSecretMatters)) {
            assertThat(other).isEqualTo(wrongPassword);
        }
        assertThat(wrongPassword.getFailure().getPublicMessage()).isNotBlank().doesNotContain("alice");
    }

    @Test
    void disabledAccountIsReportedOnlyWithTheRightPassword() {
        admin().body(Map.of("enabled", false)).patch("/api/v1/accounts/" + alice).then().statusCode(200);

        assertThat(login(alice, "alice-password").getFailure().getReason()).isEqualTo(AuthFailure.Reason.ACCOUNT_DISABLED);
        assertThat(login(alice, "wrong-password").getFailure().getReason()).isEqualTo(AuthFailure.Reason.INVALID_CREDENTIALS);

        admin().body(Map.of("enabled", true)).patch("/api/v1/accounts/" + alice).then().statusCode(200);
        assertThat(login(alice, "alice-password").hasAccount()).isTrue();
    }

    /** The credentials cache never outlives a password change: the old password stops at once. */
    @Test
    void aNewPasswordEndsTheOldOneAtOnceThoughItWasJustVerified() {
        assertThat(login(alice, "alice-password").hasAccount()).isTrue();
        assertThat(login(alice, "alice-password").hasAccount()).isTrue();

        admin().body(Map.of("password", "alice-new-password")).put("/api/v1/accounts/" + alice + "/password")
                .then().statusCode(204);

        assertThat(login(alice, "alice-password").getFailure().getReason()).isEqualTo(AuthFailure.Reason.INVALID_CREDENTIALS);
        assertThat(login(alice, "alice-new-password").hasAccount()).isTrue();
        assertThat(login(alice, "alice-new-password").hasAccount()).isTrue();
    }

    @Test
    void attemptsAreCountedByProtocolAndOutcome() {
        login(alice, "alice-password");
        login(alice, "wrong-password");

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("mail_auth_attempts_total\\{[^}]*outcome=\"success\"[^}]*protocol=\"imap\"")
                .containsPattern("mail_auth_attempts_total\\{[^}]*outcome=\"invalid_credentials\"[^}]*protocol=\"imap\"");
    }

    @Test
    void resolvesAnAccount() {
        ResolveRecipientResponse response = resolve(alice);

        assertThat(response.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(response.getAccountsList()).extracting(Account::getAccountId).containsExactly(aliceId);
        assertThat(response.getDetail()).isEmpty();
    }

    @Test
    void resolvesAnAliasToAllItsTargets() {
        addAlias("team@" + domain, List.of(alice, "bob@" + domain));

        ResolveRecipientResponse response = resolve("team@" + domain);

        assertThat(response.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(response.getAccountsList()).extracting(Account::getAccountId).containsExactlyInAnyOrder(aliceId, bobId);
    }

    @Test
    void resolvesAnAliasToItsAccountsAndForwards() {
        addAlias("fwd@" + domain, List.of(alice, "Carol@Elsewhere.test", "dave@other.test"));
        addAlias("away@" + domain, List.of("carol@elsewhere.test", "CAROL@Elsewhere.test"));

        ResolveRecipientResponse mixed = resolve("fwd+tag@" + domain);
        ResolveRecipientResponse forwardOnly = resolve("away@" + domain);

        assertThat(mixed.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(mixed.getAccountsList()).extracting(Account::getAccountId).containsExactly(aliceId);
        // another server's local part keeps the case the operator gave; its domain is lower-cased
        assertThat(mixed.getForwardToList()).containsExactly("Carol@elsewhere.test", "dave@other.test");
        assertThat(mixed.getDetail()).isEqualTo("tag");
        assertThat(forwardOnly.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(forwardOnly.getAccountsList()).isEmpty();
        assertThat(forwardOnly.getForwardToList()).containsExactly("carol@elsewhere.test");
        assertThat(resolve(alice).getForwardToList()).isEmpty();
    }

    @Test
    void aForwardToADomainHostedSinceIsDeliveredHere() {
        String later = uniqueDomain("later");
        addAlias("moved@" + domain, List.of("erin@" + later, "nobody@" + later, "far@away.test"));
        addDomain(later);
        addAccount("erin@" + later, "erin-password-1");

        ResolveRecipientResponse response = resolve("moved@" + domain);

        // never sent out to come back through our own MX: erin is an account now, nobody is nothing
        assertThat(response.getAccountsList()).extracting(Account::getAddress).containsExactly("erin@" + later);
        assertThat(response.getForwardToList()).containsExactly("far@away.test");
    }

    @Test
    void subAddressDetailIsStrippedAndReturned() {
        addAlias("team@" + domain, List.of(alice, "bob@" + domain));

        ResolveRecipientResponse account = resolve("alice+news@" + domain);
        ResolveRecipientResponse alias = resolve("team+Q3-report@" + domain);

        assertThat(account.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(account.getAccountsList()).extracting(Account::getAccountId).containsExactly(aliceId);
        assertThat(account.getDetail()).isEqualTo("news");
        assertThat(alias.getAccountsList()).hasSize(2);
        assertThat(alias.getDetail()).isEqualTo("Q3-report");
    }

    @Test
    void anAccountWithTheSeparatorInItsNameIsMatchedWhole() {
        long firstLast = addAccount("first+last@" + domain, "first-password");

        ResolveRecipientResponse response = resolve("first+last@" + domain);

        assertThat(response.getAccountsList()).extracting(Account::getAccountId).containsExactly(firstLast);
        assertThat(response.getDetail()).isEmpty();
    }

    @Test
    void unknownLocalPartInAHostedDomain() {
        assertThat(resolve("nobody@" + domain).getKind()).isEqualTo(Kind.UNKNOWN_LOCAL);
        assertThat(resolve("nobody+tag@" + domain).getKind()).isEqualTo(Kind.UNKNOWN_LOCAL);
        assertThat(resolve("+tag@" + domain).getKind()).isEqualTo(Kind.UNKNOWN_LOCAL);
        assertThat(resolve("nobody@" + domain).getAccountsList()).isEmpty();
    }

    @Test
    void domainNotHostedHereIsNotLocal() {
        ResolveRecipientResponse response = resolve("alice@" + uniqueDomain("elsewhere"));

        assertThat(response.getKind()).isEqualTo(Kind.NOT_LOCAL);
        assertThat(response.getAccountsList()).isEmpty();
    }

    @Test
    void upperCaseAddressesResolve() {
        ResolveRecipientResponse response = resolve("ALICE+News@" + domain.toUpperCase());

        assertThat(response.getKind()).isEqualTo(Kind.LOCAL);
        assertThat(response.getAccountsList()).extracting(Account::getAccountId).containsExactly(aliceId);
        assertThat(response.getDetail()).isEqualTo("News");
    }

    @Test
    void malformedAddressIsAnInvalidArgument() {
        assertThatThrownBy(() -> resolve("no-at-sign"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void getAccountById() {
        Account account = auth.getAccount(GetAccountRequest.newBuilder().setAccountId(bobId).build())
                .await().atMost(TIMEOUT);

        assertThat(account.getAddress()).isEqualTo("bob@" + domain);
        assertThatThrownBy(() -> auth.getAccount(GetAccountRequest.newBuilder().setAccountId(-1).build())
                        .await().atMost(TIMEOUT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    private AuthenticateResponse login(String username, String secret) {
        return auth.authenticate(AuthenticateRequest.newBuilder()
                        .setUsername(username).setSecret(secret).setProtocol(Protocol.PROTOCOL_IMAP)
                        .setRemoteAddress("192.0.2.20").setMechanism("PLAIN").setTls(true).build())
                .await().atMost(TIMEOUT);
    }

    private ResolveRecipientResponse resolve(String address) {
        return auth.resolveRecipient(ResolveRecipientRequest.newBuilder().setAddress(address).build())
                .await().atMost(TIMEOUT);
    }

    @Test
    void aDomainsDkimKeyIsMadeOnceAndMatchesTheRecordToPublish() throws Exception {
        io.restassured.response.Response shown = admin().get("/api/v1/domains/" + domain.toUpperCase() + "/dkim");
        assertThat(shown.statusCode()).isEqualTo(200);
        String selector = shown.jsonPath().getString("selector");
        assertThat(selector).matches("mail\\d{8}");
        assertThat(shown.jsonPath().getString("name")).isEqualTo(selector + "._domainkey." + domain);
        assertThat(shown.jsonPath().getString("algorithm")).isEqualTo("rsa-sha256");
        String record = shown.jsonPath().getString("record");
        assertThat(record).startsWith("v=DKIM1; k=rsa; p=");

        // smtp-service's view: the same key, its private half matching the published public half
        io.mailserver.contracts.auth.v1.SigningKey key = auth.getSigningKey(
                io.mailserver.contracts.auth.v1.GetSigningKeyRequest.newBuilder().setDomain(domain).build())
                .await().atMost(TIMEOUT);
        assertThat(key.getSelector()).isEqualTo(selector);
        assertThat(key.getDomain()).isEqualTo(domain);
        java.security.PrivateKey privateKey = java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getPrivateKey().toByteArray()));
        java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2))));
        java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update("probe".getBytes());
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update("probe".getBytes());
        assertThat(verifier.verify(signature)).isTrue();

        // kept: asking again answers the same key
        assertThat(admin().get("/api/v1/domains/" + domain + "/dkim").jsonPath().getString("record")).isEqualTo(record);
        assertThat(admin().get("/api/v1/domains/not-hosted.example/dkim").statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> auth.getSigningKey(io.mailserver.contracts.auth.v1.GetSigningKeyRequest.newBuilder()
                .setDomain("not-hosted.example").build()).await().atMost(TIMEOUT))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
}
