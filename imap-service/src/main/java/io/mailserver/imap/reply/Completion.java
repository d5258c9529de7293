package io.mailserver.imap.reply;

/**
 * How a command ended, as its handler decided: the status, code and text of the tagged response.
 * {@code afterReply} runs once the tagged response is written (closing the connection after
 * LOGOUT, starting TLS after STARTTLS), so nothing the client sends next is read before it.
 */
public record Completion(Status status, ResponseCode code, String text, Runnable afterReply) {

    public static Completion ok(String text) {
        return new Completion(Status.OK, null, text, null);
    }

    public static Completion ok(ResponseCode code, String text) {
        return new Completion(Status.OK, code, text, null);
    }

    public static Completion no(String text) {
        return new Completion(Status.NO, null, text, null);
    }

    public static Completion no(ResponseCode code, String text) {
        return new Completion(Status.NO, code, text, null);
    }

    public static Completion bad(String text) {
        return new Completion(Status.BAD, null, text, null);
    }

    public static Completion bad(ResponseCode code, String text) {
        return new Completion(Status.BAD, code, text, null);
    }

    public Completion then(Runnable action) {
        return new Completion(status, code, text, action);
    }

    public StatusResponse tagged(String tag) {
        return new StatusResponse(tag, status, code, text);
    }
}
