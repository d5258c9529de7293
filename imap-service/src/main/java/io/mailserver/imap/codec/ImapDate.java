package io.mailserver.imap.codec;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** RFC 9051 §9 {@code date} ({@code d-Mon-yyyy}) and {@code date-time} for INTERNALDATE. */
public final class ImapDate {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private ImapDate() {
    }

    /** Parses {@code 1-Feb-2024} or {@code 01-Feb-2024}; null when it is not a valid date. */
    public static LocalDate parseDate(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) {
            return null;
        }
        int month = -1;
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equalsIgnoreCase(parts[1])) {
                month = i + 1;
            }
        }
        if (month < 0 || !digits(parts[0]) || !digits(parts[2])) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(parts[2]), month, Integer.parseInt(parts[0]));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * RFC 9051 {@code date-time} without the quotes: {@code dd-Mon-yyyy hh:mm:ss +zzzz}, the day
     * as two digits or space and digit. Null when it is not one, or names no real moment.
     */
    public static OffsetDateTime parseDateTime(String text) {
        if (text.length() != 26 || text.charAt(11) != ' ' || text.charAt(20) != ' ' || text.charAt(14) != ':'
                || text.charAt(17) != ':') {
            return null;
        }
        LocalDate date = parseDate(text.charAt(0) == ' ' ? text.substring(1, 11) : text.substring(0, 11));
        String hh = text.substring(12, 14);
        String mm = text.substring(15, 17);
        String ss = text.substring(18, 20);
        char sign = text.charAt(21);
        String zone = text.substring(22, 26);
        if (date == null || !digits(hh) || !digits(mm) || !digits(ss) || !digits(zone) || (sign != '+' && sign != '-')) {
            return null;
        }
        int zoneHours = Integer.parseInt(zone.substring(0, 2));
        int zoneMinutes = Integer.parseInt(zone.substring(2));
        if (zoneHours > 14 || zoneMinutes > 59) {
            return null;
        }
        try {
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign == '-' ? -zoneHours : zoneHours,
                    sign == '-' ? -zoneMinutes : zoneMinutes);
            return OffsetDateTime.of(date, java.time.LocalTime.of(Integer.parseInt(hh), Integer.parseInt(mm),
                    Integer.parseInt(ss)), offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** {@code "dd-Mon-yyyy hh:mm:ss +zzzz"} without the quotes; the day has a leading space below 10. */
    public static String formatDateTime(long epochSeconds, int zoneOffsetMinutes) {
        OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSeconds),
                ZoneOffset.ofTotalSeconds(Math.max(-18 * 3600, Math.min(18 * 3600, zoneOffsetMinutes * 60))));
        int offset = Math.abs(zoneOffsetMinutes);
        return String.format(Locale.ROOT, "%2d-%s-%04d %02d:%02d:%02d %s%02d%02d", t.getDayOfMonth(),
                MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(), t.getSecond(),
                zoneOffsetMinutes < 0 ? "-" : "+", offset / 60, offset % 60);
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
