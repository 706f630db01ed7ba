package io.ctscope.ingest.parse;

/**
 * Parses the ctime(3) text conntrack prints for {@code -o ktimestamp} ({@code Sat Nov 21 05:32:39 2026},
 * the day space-padded) into epoch seconds, reading the wall time as UTC. No allocation.
 */
public final class CtimeParser {
    private static final byte[] MONTHS = Ascii.bytes("JanFebMarAprMayJunJulAugSepOctNovDec");

    private CtimeParser() {
    }

    /** Epoch seconds, or {@link Ascii#INVALID}. */
    public static long parse(byte[] b, int off, int end) {
        int p = skipSpaces(b, off, end);
        // weekday
        p = skipWord(b, p, end);
        p = skipSpaces(b, p, end);
        if (end - p < 3) {
            return Ascii.INVALID;
        }
        int month = -1;
        for (int m = 0; m < 12; m++) {
            if (b[p] == MONTHS[m * 3] && b[p + 1] == MONTHS[m * 3 + 1] && b[p + 2] == MONTHS[m * 3 + 2]) {
                month = m + 1;
                break;
            }
        }
        if (month < 0) {
            return Ascii.INVALID;
        }
        p = skipSpaces(b, p + 3, end);
        int q = skipDigits(b, p, end);
        long day = Ascii.parseUnsigned(b, p, q);
        p = skipSpaces(b, q, end);
        if (end - p < 8 || b[p + 2] != ':' || b[p + 5] != ':') {
            return Ascii.INVALID;
        }
        long hh = Ascii.parseUnsigned(b, p, p + 2);
        long mm = Ascii.parseUnsigned(b, p + 3, p + 5);
        long ss = Ascii.parseUnsigned(b, p + 6, p + 8);
        p = skipSpaces(b, p + 8, end);
        q = skipDigits(b, p, end);
        long year = Ascii.parseUnsigned(b, p, q);
        if (day < 1 || day > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 || year < 1970) {
            return Ascii.INVALID;
        }
        return daysFromCivil(year, month, day) * 86400L + hh * 3600 + mm * 60 + ss;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    private static int skipSpaces(byte[] b, int p, int end) {
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p;
    }

    private static int skipWord(byte[] b, int p, int end) {
        while (p < end && b[p] != ' ') {
            p++;
        }
        return p;
    }

    private static int skipDigits(byte[] b, int p, int end) {
        while (p < end && Ascii.isDigit(b[p])) {
            p++;
        }
        return p;
    }
}
