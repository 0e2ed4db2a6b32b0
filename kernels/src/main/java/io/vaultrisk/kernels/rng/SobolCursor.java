package io.vaultrisk.kernels.rng;

/**
 * Walks a Sobol sequence in Gray-code order from any starting index, so each block of paths starts on its own
 * (x(i+1) = x(i) XOR v[ctz(i+1)]). With a digital shift (one random 32-bit word per dimension) the points become a
 * randomised QMC set: independent shifts give independent unbiased estimates, hence a standard error.
 */
public final class SobolCursor {
    private final int dims;
    private final int[] x;
    private final int[] shift;
    private final SobolDirections directions;
    private long index;

    public SobolCursor(SobolDirections directions, int dims, long start, int[] shift) {
        if (dims < 1 || dims > SobolDirections.MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "Sobol dimensions must be in 1.." + SobolDirections.MAX_DIMENSIONS + ", got " + dims);
        }
        if (start < 0 || start >= (1L << SobolDirections.BITS)) {
            throw new IllegalArgumentException("Sobol index out of range: " + start);
        }
        this.dims = dims;
        this.directions = directions;
        this.shift = shift == null ? new int[dims] : shift.clone();
        this.x = new int[dims];
        this.index = start;
        long gray = start ^ (start >>> 1);
        for (int bit = 0; gray != 0; bit++, gray >>>= 1) {
            if ((gray & 1) != 0) {
                for (int d = 0; d < dims; d++) {
                    x[d] ^= directions.direction(d, bit);
                }
            }
        }
    }

    /** Index of the point {@link #nextWords} returns next. */
    public long index() {
        return index;
    }

    /** The current point as 32-bit words (digitally shifted), then advances. */
    public void nextWords(int[] out) {
        for (int d = 0; d < dims; d++) {
            out[d] = x[d] ^ shift[d];
        }
        int c = Long.numberOfTrailingZeros(index + 1);
        if (c >= SobolDirections.BITS) {
            throw new IllegalStateException("Sobol sequence exhausted at index " + index);
        }
        for (int d = 0; d < dims; d++) {
            x[d] ^= directions.direction(d, c);
        }
        index++;
    }
}
