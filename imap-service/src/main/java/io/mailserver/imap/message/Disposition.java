package io.mailserver.imap.message;

import java.util.List;

/** A Content-Disposition (RFC 2183): its type and parameters. */
public record Disposition(String type, List<Parameter> params) {

    public Disposition {
        params = List.copyOf(params);
    }
}
