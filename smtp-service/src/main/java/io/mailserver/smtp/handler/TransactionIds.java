package io.mailserver.smtp.handler;

import java.security.SecureRandom;

/**
 * Mail transaction ids: the delivery id storage deduplicates on and the queue id a client sees in
 * "250 ... queued as". Random so that instances need no coordination; 100 bits make a collision
 * across all instances practically impossible.
 */
final class TransactionIds {

    private static final char[] ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TransactionIds() {
    }

    static String next() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
