package io.mailserver.pop3.session;

import java.util.BitSet;

/** The message numbers marked by DELE, as an immutable value. */
public final class Deletions {

    private static final Deletions NONE = new Deletions(new BitSet());

    private final BitSet marked;

    private Deletions(BitSet marked) {
        this.marked = marked;
    }

    public static Deletions none() {
        return NONE;
    }

    public boolean contains(int number) {
        return marked.get(number);
    }

    public Deletions with(int number) {
        BitSet copy = (BitSet) marked.clone();
        copy.set(number);
        return new Deletions(copy);
    }

    public int count() {
        return marked.cardinality();
    }

    public boolean isEmpty() {
        return marked.isEmpty();
    }

    /** Marked numbers in ascending order. */
    public int[] numbers() {
        return marked.stream().toArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Deletions d && d.marked.equals(marked);
    }

    @Override
    public int hashCode() {
        return marked.hashCode();
    }

    @Override
    public String toString() {
        return "Deletions" + marked;
    }
}
