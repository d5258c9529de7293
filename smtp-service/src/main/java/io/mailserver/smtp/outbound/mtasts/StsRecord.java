package io.mailserver.smtp.outbound.mtasts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code _mta-sts} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=...;}. Only its id matters to a
 * sender: a new id means a new policy to fetch.
 */
public record StsRecord(String id) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    /**
     * The domain's record among its TXT strings, each already joined: none when no string starts with
     * {@code v=STSv1;}, when several do (§3.1: treat as no record), or when the one found is malformed.
     */
    public static Optional<StsRecord> of(List<String> txt) {
        List<String> candidates = txt.stream().filter(t -> t.split(";", 2)[0].stripTrailing().equals("v=STSv1")).toList();
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        return parse(candidates.get(0));
    }

    static Optional<StsRecord> parse(String text) {
        String[] fields = text.split(";", -1);
        if (!fields[0].stripTrailing().equals("v=STSv1")) {
            return Optional.empty();
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            if (equals <= 0) {
                return Optional.empty();
            }
            String name = field.substring(0, equals);
            String value = field.substring(equals + 1);
            if (name.equals("id") && id == null) {
                // the first id counts (§3.1); a malformed one makes the record invalid
                if (!ID.matcher(value).matches()) {
                    return Optional.empty();
                }
                id = value;
            }
            // other fields are extensions (§3.1), ignored
        }
        return Optional.ofNullable(id).map(StsRecord::new);
    }
}
