package io.mailserver.smtp.dsn;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ORCPT parameter of RCPT (RFC 3461 §4.2): the address the sender first addressed, before any
 * forwarding, as {@code addr-type;xtext}. Kept as given (so it passes on unchanged) and decoded for
 * the report's {@code Original-Recipient} field.
 *
 * @param type    the address type, e.g. {@code rfc822}
 * @param address the decoded address: printable ASCII only
 */
public record OriginalRecipient(String type, String address) {

    /** RFC 3461 §4.2: the parameter value is at most 500 characters. */
    public static final int MAX_LENGTH = 500;
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
        return Xtext.decode(value.substring(semicolon + 1)).map(address -> new OriginalRecipient(type, address));
    }

    /** As the parameter is written: {@code rfc822;bob+2Bx@example.org}. */
    public String parameter() {
        return type + ";" + Xtext.encode(address);
    }

    /** As the report's {@code Original-Recipient} field writes it: {@code rfc822;bob+x@example.org}. */
    public String field() {
        return type + ";" + address;
    }
}
