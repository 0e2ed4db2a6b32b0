package io.vaultrisk.kernels;

/** How the normals of a run are drawn. */
public enum Sampling {
    /** Philox4x32-10 pseudo-random normals, one independent sample per path. */
    PSEUDO,
    /** Philox normals, each path paired with its mirror (−Z); one sample per pair. */
    ANTITHETIC,
    /** Sobol points with a Brownian bridge and independent random digital shifts (one estimate per shift). */
    QMC
}
