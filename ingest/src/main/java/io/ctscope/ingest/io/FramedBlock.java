package io.ctscope.ingest.io;

/**
 * What a {@link BlockFramer} fills: {@link #DATA}, a block of whole lines in {@code data[0, length)}
 * (the last one without its newline when {@link #unterminatedTail}); {@link #OVERLONG}, one line over
 * the {@link LineLimit}, skipped, of which only its length and offsets are kept; {@link #END}, the end
 * of the input. Offsets count bytes of the (decompressed) input.
 */
public class FramedBlock {
    public static final int DATA = 0;
    public static final int OVERLONG = 1;
    public static final int END = 2;

    public int kind;
    /** DATA: the offset of {@code data[0]}. OVERLONG and END: the offset just past the line (its newline) or the input. */
    public long baseOffset;
    public final byte[] data;
    public int length;
    public boolean unterminatedTail;
    /** OVERLONG: the line's length without its newline, and the offset of its first byte. */
    public long overlongLength;
    public long overlongOffset;

    /** A block for {@code blockSize} new bytes a read, with room for a line carried over from the block before. */
    public FramedBlock(int blockSize) {
        this.data = new byte[blockSize + LineLimit.MAX_LINE + 1];
    }

    /** New bytes a fill reads at most. */
    public final int blockSize() {
        return data.length - LineLimit.MAX_LINE - 1;
    }
}
