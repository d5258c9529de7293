package io.mailserver.pop3.command;

import java.util.Optional;

/**
 * RFC 5034 §4 AUTH mechanism [initial-response]. The initial response is kept as sent (base64,
 * or "=" for an empty one) and never printed.
 */
public record AuthCommand(String mechanism, Optional<String> initialResponse) implements Pop3Command {
    @Override
    public Verb verb() {
        return Verb.AUTH;
    }

    @Override
    public String toString() {
        return "AuthCommand[mechanism=" + mechanism + ", initialResponse=" + (initialResponse.isPresent() ? "***" : "none") + "]";
    }
}
