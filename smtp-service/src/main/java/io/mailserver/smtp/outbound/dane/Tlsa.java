package io.mailserver.smtp.outbound.dane;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TLSA record (RFC 6698 §2.1).
 *
 * @param usage        2 DANE-TA, 3 DANE-EE; 0 and 1 (PKIX-TA, PKIX-EE) are unusable for SMTP (RFC 7672 §3.1.3)
 * @param selector     0 the whole certificate, 1 its SubjectPublicKeyInfo
 * @param matchingType 0 the data itself, 1 its SHA-256, 2 its SHA-512
 */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {

    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    public Tlsa {
        data = data.clone();
    }

    /** Whether SMTP can use it (RFC 7672 §2.2: a usage, selector or matching type we know, data of the right size). */
    public boolean usable() {
        boolean usage = this.usage == DANE_TA || this.usage == DANE_EE;
        boolean size = switch (matchingType) {
            case 0 -> data.length > 0;
            case 1 -> data.length == 32;
            case 2 -> data.length == 64;
            default -> false;
        };
        return usage && (selector == 0 || selector == 1) && size;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Sessions are reused by their TLS policy, so two lookups of the same records must be equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tlsa that && usage == that.usage && selector == that.selector
                && matchingType == that.matchingType && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
