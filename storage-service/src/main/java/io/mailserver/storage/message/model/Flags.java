package io.mailserver.storage.message.model;

import io.mailserver.storage.failure.StorageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The flags of a message: system flags as a bitmask and keywords as given by the client. Keywords
 * compare case-insensitively (a second spelling of a keyword a message already has changes nothing)
 * and keep the spelling that came first.
 */
public record Flags(int system, List<String> keywords) {

    public static final Flags NONE = new Flags(0, List.of());

    public Flags {
        keywords = List.copyOf(keywords);
    }

    /**
     * Parses flag strings: system flags by name, anything else a keyword (an IMAP atom). "\Recent" is
     * a session's notion (RFC 3501) and is ignored; other names starting with a backslash are refused.
     */
    public static Flags parse(Collection<String> flags) {
        int system = 0;
        List<String> keywords = new ArrayList<>();
        for (String flag : flags) {
            if (flag.startsWith("\\")) {
                SystemFlag f = SystemFlag.named(flag);
                if (f != null) {
                    system |= f.bit();
                } else if (!flag.equalsIgnoreCase("\\Recent")) {
                    throw StorageException.invalidArgument("unknown system flag " + printable(flag));
                }
                continue;
            }
            if (!isAtom(flag)) {
                throw StorageException.invalidArgument("invalid keyword " + printable(flag));
            }
            if (indexOf(keywords, flag) < 0) {
                keywords.add(flag);
            }
        }
        return new Flags(system, keywords);
    }

    /** The keywords of a stored row (text[]), as they are. */
    public static Flags of(int system, String[] keywords) {
        return new Flags(system, keywords == null ? List.of() : List.of(keywords));
    }

    public enum Mode {
        REPLACE, ADD, REMOVE
    }

    public Flags apply(Mode mode, Flags change) {
        return switch (mode) {
            case REPLACE -> change;
            case ADD -> {
                List<String> merged = new ArrayList<>(keywords);
                for (String k : change.keywords) {
                    if (indexOf(merged, k) < 0) {
                        merged.add(k);
                    }
                }
                yield new Flags(system | change.system, merged);
            }
            case REMOVE -> {
                List<String> left = new ArrayList<>();
                for (String k : keywords) {
                    if (indexOf(change.keywords, k) < 0) {
                        left.add(k);
                    }
                }
                yield new Flags(system & ~change.system, left);
            }
        };
    }

    /** Same flags, keyword spelling and order aside. */
    public boolean sameAs(Flags other) {
        if (system != other.system || keywords.size() != other.keywords.size()) {
            return false;
        }
        for (String k : keywords) {
            if (indexOf(other.keywords, k) < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean has(SystemFlag flag) {
        return flag.in(system);
    }

    /** System flags in a fixed order, then the keywords. */
    public List<String> names() {
        List<String> names = new ArrayList<>(5 + keywords.size());
        for (SystemFlag f : SystemFlag.values()) {
            if (f.in(system)) {
                names.add(f.flagName());
            }
        }
        names.addAll(keywords);
        return names;
    }

    /** The keywords joined by spaces (keywords are atoms, so never contain one), for array parameters. */
    public String joinedKeywords() {
        return String.join(" ", keywords);
    }

    private static int indexOf(List<String> list, String keyword) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equalsIgnoreCase(keyword)) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 9051 atom: printable ASCII without atom-specials. */
    static boolean isAtom(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) : s;
        return "\"" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
    }
}
