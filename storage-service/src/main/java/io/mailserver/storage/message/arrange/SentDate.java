package io.mailserver.storage.message.arrange;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instant of an RFC 5322 Date value ({@code [day ","] d mon yyyy hh:mm[:ss] zone}), read
 * leniently: obsolete zone names, two-digit years, a missing zone as UTC. RFC 5256 sorts and
 * threads by it, falling back to the internal date when there is none that can be read.
 */
final class SentDate {

    private static final Pattern DATE = Pattern.compile(
            "(\\d{1,2})\\s+([A-Za-z]{3})[A-Za-z]*\\.?\\s+(\\d{2,4})\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?"
                    + "(?:\\s*([+-]\\d{4}|[A-Za-z]{1,5}))?");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    /** RFC 5322 §4.3 obsolete zones; military letters mean nothing reliable and count as UTC. */
    private static final Map<String, Integer> ZONES = Map.of("ut", 0, "gmt", 0, "est", -5, "edt", -4,
            "cst", -6, "cdt", -5, "mst", -7, "mdt", -6, "pst", -8, "pdt", -7);

    private SentDate() {
    }

    /** The instant, or null when the value holds no date that can be read. */
    static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE.matcher(value);
        if (!m.find()) {
            return null;
        }
        Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (month == null) {
            return null;
        }
        int year = Integer.parseInt(m.group(3));
        if (m.group(3).length() <= 2) {
            year += year < 50 ? 2000 : 1900;
        } else if (m.group(3).length() == 3) {
            year += 1900;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return local.toInstant(offset(m.group(7)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            if (hours > 18 || minutes > 59 || (hours == 18 && minutes > 0)) {
                return ZoneOffset.UTC;
            }
            int sign = zone.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        return ZoneOffset.ofHours(ZONES.getOrDefault(zone.toLowerCase(Locale.ROOT), 0));
    }
}
