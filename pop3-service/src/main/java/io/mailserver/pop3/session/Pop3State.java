package io.mailserver.pop3.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where a POP3 session stands (RFC 1939 §3), with the data that state carries. */
public sealed interface Pop3State {

    /** The three states of RFC 1939 §3, for handlers to declare where they apply. */
    enum Phase {
        AUTHORIZATION, TRANSACTION, UPDATE
    }

    Phase phase();

    /**
     * Before login (RFC 1939 §4).
     *
     * @param user     the name given by USER, waiting for PASS
     * @param failures failed login attempts on this connection so far
     */
    record Authorization(Optional<String> user, int failures) implements Pop3State {

        public static Authorization initial() {
            return new Authorization(Optional.empty(), 0);
        }

        @Override
        public Phase phase() {
            return Phase.AUTHORIZATION;
        }

        public Authorization withUser(String name) {
            return new Authorization(Optional.of(name), failures);
        }

        /** After a refused login: the USER name is forgotten (RFC 1939 §7 PASS) and the failure counted. */
        public Authorization failed() {
            return new Authorization(Optional.empty(), failures + 1);
        }

        /** Forgets the USER name, keeping the count (a login that could not be checked, or STLS). */
        public Authorization withoutUser() {
            return new Authorization(Optional.empty(), failures);
        }
    }

    /**
     * Logged in, working on a snapshot of the maildrop (RFC 1939 §5).
     *
     * @param maildrop  the snapshot taken at login
     * @param deletions message numbers marked by DELE
     */
    record Transaction(Maildrop maildrop, Deletions deletions) implements Pop3State {

        public static Transaction of(Maildrop maildrop) {
            return new Transaction(maildrop, Deletions.none());
        }

        @Override
        public Phase phase() {
            return Phase.TRANSACTION;
        }

        /** Whether {@code number} names a message of the snapshot that is not marked as deleted. */
        public boolean isVisible(int number) {
            return maildrop.contains(number) && !deletions.contains(number);
        }

        public boolean isDeleted(int number) {
            return maildrop.contains(number) && deletions.contains(number);
        }

        /** The message, if it is visible. */
        public Optional<MaildropMessage> visible(int number) {
            return isVisible(number) ? Optional.of(maildrop.message(number)) : Optional.empty();
        }

        /** Marks a visible message (RFC 1939 §5 DELE); the caller checks {@link #isVisible}. */
        public Transaction delete(int number) {
            if (!isVisible(number)) {
                throw new IllegalArgumentException("message " + number + " is not visible");
            }
            return new Transaction(maildrop, deletions.with(number));
        }

        /** Unmarks every message (RFC 1939 §5 RSET). */
        public Transaction reset() {
            return new Transaction(maildrop, Deletions.none());
        }

        /** Messages not marked as deleted (RFC 1939 §5 STAT). */
        public int visibleCount() {
            return maildrop.size() - deletions.count();
        }

        /** Octets of the messages not marked as deleted. */
        public long visibleSize() {
            long total = 0;
            for (int n = 1; n <= maildrop.size(); n++) {
                if (!deletions.contains(n)) {
                    total += maildrop.message(n).size();
                }
            }
            return total;
        }

        /** Numbers of the visible messages, ascending. */
        public List<Integer> visibleNumbers() {
            List<Integer> numbers = new ArrayList<>(visibleCount());
            for (int n = 1; n <= maildrop.size(); n++) {
                if (!deletions.contains(n)) {
                    numbers.add(n);
                }
            }
            return numbers;
        }

        /** UIDs of the marked messages, ascending: what UPDATE removes. */
        public List<Long> deletedUids() {
            List<Long> uids = new ArrayList<>(deletions.count());
            for (int n : deletions.numbers()) {
                uids.add(maildrop.message(n).uid());
            }
            return uids;
        }
    }

    /** After QUIT in the Transaction state, while the marked messages are removed (RFC 1939 §6). */
    record Update() implements Pop3State {
        @Override
        public Phase phase() {
            return Phase.UPDATE;
        }
    }
}
