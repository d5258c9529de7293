package io.mailserver.smtp.mailauth.spf;

/** A mechanism with its qualifier, already turned into the result it yields on a match. */
record Directive(SpfResult onMatch, Mechanism mechanism) {
}
