package io.mailserver.smtp.dsn;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ORCPT parameter of RCPT (RFC 3461 §4.2): the address the sender first addressed, before any
 * forwarding, as {@code addr-type;xtext}. Kept as given (so it passes on unchanged) and decoded for
 * the report's {@code Original-Recipient} field.
 *
 * @param type    the address type, e.g. {@code rfc822}, or {@code utf-8} (RFC 6533)
 * @param address the decoded address: printable ASCII only, or for {@code utf-8} Unicode without
 *                controls or characters that only deceive
 */
public record OriginalRecipient(String type, String address) {

    /** RFC 3461 §4.2: the parameter value is at most 500 characters. */
    public static final int MAX_LENGTH = 500;
    /** RFC 6533's address type of internationalized addresses. */
    static final String UTF8 = "utf-8";
    private static final Pattern ADDR_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    /** The value of an ORCPT parameter, or empty when it is not {@code addr-type;xtext}. */
    public static Optional<OriginalRecipient> parse(String value) {
        int semicolon = value.indexOf(';');
        if (value.length() > MAX_LENGTH || semicolon <= 0 || semicolon == value.length() - 1) {
            return Optional.empty();
        }
        String type = value.substring(0, semicolon);
        if (!ADDR_TYPE.matcher(type).matches()) {
            return Optional.empty();
        }
        String text = value.substring(semicolon + 1);
        if (type.equalsIgnoreCase(UTF8)) {
            // kept and handed on escaped, which can be longer than what came in: the limit holds for that form
            return Utf8AddressText.decode(text).map(address -> new OriginalRecipient(UTF8, address))
                    .filter(original -> original.parameter().length() <= MAX_LENGTH);
        }
        return Xtext.decode(text).map(address -> new OriginalRecipient(type, address));
    }

    /**
     * The ORCPT a relay adds for a recipient that came without one: the address as received, of type
     * {@code utf-8} when it is not ASCII; empty when that would be longer than the parameter may be.
     */
    public static Optional<OriginalRecipient> of(String address) {
        boolean ascii = address.chars().allMatch(c -> c >= 0x21 && c < 0x7f);
        return Optional.of(new OriginalRecipient(ascii ? "rfc822" : UTF8, address))
                .filter(original -> original.parameter().length() <= MAX_LENGTH);
    }

    /**
     * As the parameter is written: {@code rfc822;bob+2Bx@example.org}, or for a UTF-8 address its
     * ASCII form {@code utf-8;b\x{F8}b@example.org}, which every next hop takes, SMTPUTF8 or not.
     */
    public String parameter() {
        return type + ";" + (type.equals(UTF8) ? Utf8AddressText.encode(address) : Xtext.encode(address));
    }

    /**
     * As the report's {@code Original-Recipient} field writes it: {@code rfc822;bob+x@example.org}; a
     * UTF-8 address in its escaped ASCII form, valid in both report forms (RFC 6533 §3).
     */
    public String field() {
        return type + ";" + (type.equals(UTF8) ? Utf8AddressText.encode(address) : address);
    }
}
