package io.ctscope.ingest.parse;

/**
 * The {@code key=} names of conntrack's text formats, as small ids. A key of up to six bytes is also
 * kept as one word holding a blank, its bytes and the {@code '='} ({@link #blankKeyEquals}), so that the
 * parser can confirm a predicted key with one load and one compare; {@link #of} finds the id of any key.
 */
final class TextKeys {
    static final int UNKNOWN = 0;
    static final int SRC = 1;
    static final int DST = 2;
    static final int SPORT = 3;
    static final int DPORT = 4;
    static final int TYPE = 5;
    static final int CODE = 6;
    static final int ID = 7;
    static final int SRCKEY = 8;
    static final int DSTKEY = 9;
    static final int PACKETS = 10;
    static final int BYTES = 11;
    static final int ZONE_ORIG = 12;
    static final int ZONE_REPLY = 13;
    static final int MARK = 14;
    static final int SECMARK = 15;
    static final int SECCTX = 16;
    static final int ZONE = 17;
    static final int DELTA_TIME = 18;
    static final int USE = 19;
    static final int HELPER = 20;
    static final int LABELS = 21;
    static final int PORTID = 22;
    static final int PROGNAME = 23;
    /** Printed by conntrack-tools for some entries; carries nothing ctscope keeps, and is not counted as unknown. */
    static final int TIMEOUT = 24;
    static final int STREAM_TIMEOUT = 25;
    static final int COUNT = 26;

    /** Indexed by id; in the order the kernel prints them. */
    private static final String[] NAMES = {
        null, "src", "dst", "sport", "dport", "type", "code", "id", "srckey", "dstkey", "packets", "bytes",
        "zone-orig", "zone-reply", "mark", "secmark", "secctx", "zone", "delta-time", "use", "helper", "labels",
        "portid", "progname", "timeout", "stream_timeout",
    };

    private static final byte[][] BYTES_OF = new byte[COUNT][];
    /** The key's bytes as a word (keys of up to eight bytes), 0 otherwise. */
    private static final long[] WORD_OF = new long[COUNT];
    private static final long[] BLANK_KEY_EQUALS = new long[COUNT];
    private static final long[] BLANK_KEY_EQUALS_MASK = new long[COUNT];
    private static final int[] LENGTH = new int[COUNT];

    static {
        // a key that cannot be predicted: no word matches a zero mask and a word of 1
        java.util.Arrays.fill(BLANK_KEY_EQUALS, 1L);
        for (int id = 1; id < COUNT; id++) {
            byte[] name = Ascii.bytes(NAMES[id]);
            BYTES_OF[id] = name;
            LENGTH[id] = name.length;
            WORD_OF[id] = pack(name, name.length);
            if (name.length + 2 <= Swar.WORD) {
                byte[] form = new byte[name.length + 2];
                form[0] = ' ';
                System.arraycopy(name, 0, form, 1, name.length);
                form[name.length + 1] = '=';
                BLANK_KEY_EQUALS[id] = pack(form, form.length);
                BLANK_KEY_EQUALS_MASK[id] = Swar.lowBytes(-1L, form.length);
            }
        }
    }

    private TextKeys() {
    }

    /** The key's length in bytes. */
    static int length(int id) {
        return LENGTH[id];
    }

    /** Whether {@link #blankKeyEquals} can confirm the key: known, and of at most six bytes. */
    static boolean predictable(int id) {
        return BLANK_KEY_EQUALS_MASK[id] != 0;
    }

    /** {@code " key="} as the low bytes of a word (for a key that is not {@link #predictable}, a word no text matches). */
    static long blankKeyEquals(int id) {
        return BLANK_KEY_EQUALS[id];
    }

    /** The bytes of a word that {@link #blankKeyEquals} fills. */
    static long blankKeyEqualsMask(int id) {
        return BLANK_KEY_EQUALS_MASK[id];
    }

    /** The id of the key {@code b[p, eq)}, {@link #UNKNOWN} when it is none of them. */
    static int of(byte[] b, int p, int eq) {
        int len = eq - p;
        if (len <= Swar.WORD) {
            long w = Swar.lowBytes(Swar.loadUpTo(b, p, eq), len);
            for (int id = 1; id < COUNT; id++) {
                if (WORD_OF[id] == w && LENGTH[id] == len) {
                    return id;
                }
            }
            return UNKNOWN;
        }
        for (int id = 1; id < COUNT; id++) {
            if (LENGTH[id] == len && Ascii.equals(b, p, eq, BYTES_OF[id])) {
                return id;
            }
        }
        return UNKNOWN;
    }

    private static long pack(byte[] name, int n) {
        long w = 0;
        for (int k = Math.min(n, Swar.WORD) - 1; k >= 0; k--) {
            w = (w << 8) | (name[k] & 0xff);
        }
        return n <= Swar.WORD ? w : 0;
    }
}
