package io.vaultrisk.kernels.rng;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Sobol direction numbers, 32 bits, for up to 1,000 dimensions: Joe and Kuo's new-joe-kuo-6.1000 table, read from the
 * copy that ships inside the commons-math3 jar (the same primitive polynomials and initial numbers as their site).
 */
public final class SobolDirections {
    public static final int BITS = 32;
    public static final int MAX_DIMENSIONS = 1000;
    private static final String RESOURCE = "/assets/org/apache/commons/math3/random/new-joe-kuo-6.1000";
    private static final SobolDirections ALL = load();

    private final int[][] v; // v[dim][k] = V(k+1) scaled to 32 bits

    private SobolDirections(int[][] v) {
        this.v = v;
    }

    public static SobolDirections joeKuo() {
        return ALL;
    }

    /** Direction number V(k+1) of dimension {@code dim} (both 0-based): XORed in when bit k of the Gray code is set. */
    public int direction(int dim, int k) {
        return v[dim][k];
    }

    private static SobolDirections load() {
        int[][] v = new int[MAX_DIMENSIONS][BITS];
        for (int k = 0; k < BITS; k++) {
            v[0][k] = 1 << (BITS - 1 - k);
        }
        try (InputStream in = SobolDirections.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Sobol direction numbers not found on the classpath: " + RESOURCE
                        + " (it ships in commons-math3 3.6.1)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            reader.readLine(); // header: d s a m_i
            String line;
            int dim = 1;
            while ((line = reader.readLine()) != null && dim < MAX_DIMENSIONS) {
                String[] f = line.trim().split("\\s+");
                int s = Integer.parseInt(f[1]);
                int a = Integer.parseInt(f[2]);
                int[] col = v[dim];
                for (int k = 0; k < s && k < BITS; k++) {
                    col[k] = Integer.parseInt(f[3 + k]) << (BITS - 1 - k);
                }
                for (int k = s; k < BITS; k++) {
                    int x = col[k - s] ^ (col[k - s] >>> s);
                    for (int j = 1; j < s; j++) {
                        if (((a >>> (s - 1 - j)) & 1) != 0) {
                            x ^= col[k - j];
                        }
                    }
                    col[k] = x;
                }
                dim++;
            }
            if (dim != MAX_DIMENSIONS) {
                throw new IllegalStateException("Sobol table holds " + dim + " dimensions, expected " + MAX_DIMENSIONS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SobolDirections(v);
    }
}
