package io.mailserver.smtp.dsn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The NOTIFY parameter of RCPT (RFC 3461 §4.1): which outcomes the sender wants reported for this
 * recipient. Without it this server reports failures and delays (the RFC leaves the default to the
 * implementation; Postfix does the same) and never successes.
 *
 * @param specified whether the client gave NOTIFY at all ({@code NEVER} is specified with no kind set)
 */
public record Notify(boolean specified, boolean success, boolean failure, boolean delay) {

    public static final Notify DEFAULT = new Notify(false, false, false, false);
    public static final Notify NEVER = new Notify(true, false, false, false);

    /** {@code NEVER}, or a comma list of SUCCESS, FAILURE and DELAY, case-insensitive; empty when malformed. */
    public static Optional<Notify> parse(String value) {
        String[] words = value.toUpperCase(Locale.ROOT).split(",", -1);
        if (words.length == 1 && words[0].equals("NEVER")) {
            return Optional.of(NEVER);
        }
        boolean success = false;
        boolean failure = false;
        boolean delay = false;
        for (String word : words) {
            switch (word) {
                case "SUCCESS" -> success = true;
                case "FAILURE" -> failure = true;
                case "DELAY" -> delay = true;
                default -> {
                    // NEVER with others, an unknown word, or an empty one between commas
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Notify(true, success, failure, delay));
    }

    /** The stored form: {@code ""} when not given, else the keywords as {@link #keyword()} writes them. */
    public static Notify fromFlags(boolean never, boolean success, boolean failure, boolean delay) {
        if (never) {
            return NEVER;
        }
        return success || failure || delay ? new Notify(true, success, failure, delay) : DEFAULT;
    }

    public boolean wantsFailure() {
        return specified ? failure : true;
    }

    public boolean wantsDelay() {
        return specified ? delay : true;
    }

    public boolean wantsSuccess() {
        return success;
    }

    public boolean never() {
        return specified && !success && !failure && !delay;
    }

    /** The parameter value to pass on to the next hop, e.g. {@code SUCCESS,FAILURE}; empty when not specified. */
    public String keyword() {
        if (!specified) {
            return "";
        }
        if (never()) {
            return "NEVER";
        }
        List<String> words = new ArrayList<>(3);
        if (success) {
            words.add("SUCCESS");
        }
        if (failure) {
            words.add("FAILURE");
        }
        if (delay) {
            words.add("DELAY");
        }
        return String.join(",", words);
    }
}
