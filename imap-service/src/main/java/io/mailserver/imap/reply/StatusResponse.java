package io.mailserver.imap.reply;

/** OK/NO/BAD/BYE/PREAUTH, tagged, or untagged when {@code tag} is null (RFC 9051 §7.1). */
public record StatusResponse(String tag, Status status, ResponseCode code, String text) implements Response {

    public static StatusResponse untagged(Status status, ResponseCode code, String text) {
        return new StatusResponse(null, status, code, text);
    }

    public static StatusResponse untagged(Status status, String text) {
        return new StatusResponse(null, status, null, text);
    }
}
