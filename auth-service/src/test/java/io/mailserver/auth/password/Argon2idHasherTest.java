package io.mailserver.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2idHasherTest {

    /** Small cost so the unit tests stay fast; the format does not depend on it. */
    private static final Argon2Cost CHEAP = new Argon2Cost(64, 1, 1);

    private final Argon2idHasher hasher = new Argon2idHasher(CHEAP);

    @Test
    void hashIsAPhcStringThatVerifies() {
        String phc = hasher.hash("correct horse battery staple");

        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify(phc, "correct horse battery staple")).isTrue();
    }

    @Test
    void phcStringRoundTrips() {
        String phc = hasher.hash("secret-password");
        PhcHash parsed = PhcHash.parse(phc);

        assertThat(parsed.cost()).isEqualTo(CHEAP);
        assertThat(parsed.salt()).hasSize(Argon2idHasher.SALT_BYTES);
        assertThat(parsed.hash()).hasSize(Argon2idHasher.HASH_BYTES);
        assertThat(parsed.format()).isEqualTo(phc);
    }

    @Test
    void wrongPasswordFails() {
        String phc = hasher.hash("secret-password");

        assertThat(hasher.verify(phc, "secret-passwore")).isFalse();
        assertThat(hasher.verify(phc, "")).isFalse();
    }

    @Test
    void sameInputGetsAFreshSaltEachTime() {
        assertThat(hasher.hash("secret-password")).isNotEqualTo(hasher.hash("secret-password"));
    }

    @Test
    void verificationUsesTheParametersStoredInTheHash() {
        Argon2idHasher old = new Argon2idHasher(new Argon2Cost(128, 3, 2));
        String phc = old.hash("secret-password");

        assertThat(PhcHash.parse(phc).cost()).isEqualTo(new Argon2Cost(128, 3, 2));
        assertThat(hasher.verify(phc, "secret-password")).isTrue();
        assertThat(hasher.isOutdated(phc)).isTrue();
        assertThat(hasher.isOutdated(hasher.hash("secret-password"))).isFalse();
    }

    /** Produced by the reference implementation (libargon2 20171227, {@code argon2id_hash_encoded}). */
    @Test
    void verifiesHashesOfTheReferenceImplementation() {
        assertThat(hasher.verify(
                "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0",
                "correct horse battery staple")).isTrue();
        assertThat(hasher.verify(
                "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$zAJk2mFXtij7BSkZLAX0hFj514xMVH0hMz7S6cSCnh0",
                "p\u00e4ssw\u00f6rd")).isTrue();
        assertThat(hasher.verify(
                "$argon2id$v=19$m=64,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$zAJk2mFXtij7BSkZLAX0hFj514xMVH0hMz7S6cSCnh0",
                "passw\u00f6rd")).isFalse();
    }

    @Test
    void defaultCostIsTheOwaspMinimum() {
        String phc = new Argon2idHasher(new Argon2Cost(19456, 2, 1)).hash("secret-password");

        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void malformedStoredHashesMatchNothing() {
        String good = hasher.hash("secret-password");
        String[] broken = {
            null, "", "secret-password", good.replace("argon2id", "argon2i"), good.replace("v=19", "v=16"),
            good.replace("m=64", "m=x"), good.replace(",t=1", ""), good + "$extra", good.substring(0, good.length() - 2) + "==",
            "$argon2id$v=19$m=4194304,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0",
        };
        for (String phc : broken) {
            assertThat(hasher.verify(phc, "secret-password")).as(String.valueOf(phc)).isFalse();
        }
    }

    @Test
    void refusesCostsOutsideSaneBounds() {
        assertThatThrownBy(() -> PhcHash.parse("$argon2id$v=19$m=64,t=0,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2Cost(7, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsSaltOrHash() {
        String phc = hasher.hash("secret-password");
        String[] fields = phc.split("\\$");

        assertThat(PhcHash.parse(phc).toString()).doesNotContain(fields[4]).doesNotContain(fields[5]);
    }
}
