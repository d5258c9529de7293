package io.mailserver.storage.message.arrange;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <id>} elements of a Message-ID, In-Reply-To or References value (RFC 5322 §3.6.4),
 * brackets taken off; whatever lies between them (comments, phrases of old In-Reply-To forms) is
 * skipped, and so is an element with white space inside, which no valid msg-id has.
 */
public final class MessageIds {

    /** More are ignored: an ancestry that long does not change where a message goes. */
    static final int MAX_IDS = 1000;

    private MessageIds() {
    }

    public static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) {
            return ids;
        }
        int at = 0;
        while (ids.size() < MAX_IDS) {
            int close = value.indexOf('>', at);
            if (close < 0) {
                break;
            }
            // the nearest '<' before it, so a stray '<' earlier does not swallow a valid id
            int open = value.lastIndexOf('<', close);
            if (open >= at) {
                String id = value.substring(open + 1, close);
                if (!id.isEmpty() && id.chars().noneMatch(c -> c == ' ' || c == '\t')) {
                    ids.add(id);
                }
            }
            at = close + 1;
        }
        return ids;
    }
}
