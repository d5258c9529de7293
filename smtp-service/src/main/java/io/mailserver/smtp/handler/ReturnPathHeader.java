package io.mailserver.smtp.handler;

import io.mailserver.smtp.command.MailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code Return-Path:} line final delivery puts at the top of a message (RFC 5321 §4.4), holding
 * the envelope sender so a mail client (and a later bounce) knows where errors go. Only final
 * delivery adds it: a message relayed onward must not carry one (RFC 5321 §4.4), and any the sender
 * wrote stays below ours, where readers do not look for it.
 */
final class ReturnPathHeader {

    private ReturnPathHeader() {
    }

    /** {@code Return-Path: <sender>} with CRLF; {@code <>} for the null reverse-path. */
    static byte[] of(Optional<MailAddress> sender) {
        // The address passed the RFC 5321 path syntax: no CR, LF or other control character.
        return ("Return-Path: <" + sender.map(MailAddress::toString).orElse("") + ">\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
