package io.mailserver.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One client response in a SASL exchange as the text protocols carry it (RFC 4954 §4, RFC 5034 §4,
 * RFC 9051 §6.2.2): base64, {@code =} for an empty initial response, or {@code *} to cancel.
 */
public sealed interface SaslResponse {

    /** The client gave up the exchange ({@code *}). */
    enum Cancelled implements SaslResponse {
        INSTANCE
    }

    /** Not base64. */
    enum Malformed implements SaslResponse {
        INSTANCE
    }

    /** The decoded octets; never printed, they may be a password. */
    record Octets(byte[] value) implements SaslResponse {

        /** As UTF-8 text (RFC 4616 and the LOGIN mechanism carry UTF-8). */
        public String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Octets[" + value.length + " octets]";
        }
    }

    /**
     * @param line the response line without CRLF, surrounding spaces ignored
     */
    static SaslResponse parse(String line) {
        String text = line.strip();
        if (text.equals("*")) {
            return Cancelled.INSTANCE;
        }
        if (text.equals("=")) {
            return new Octets(new byte[0]);
        }
        try {
            return new Octets(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            return Malformed.INSTANCE;
        }
    }

    /** The base64 of a server challenge, for the {@code 334}/{@code +} line. */
    static String challenge(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The octets when the response carries some. */
    default Optional<Octets> octets() {
        return this instanceof Octets octets ? Optional.of(octets) : Optional.empty();
    }
}
