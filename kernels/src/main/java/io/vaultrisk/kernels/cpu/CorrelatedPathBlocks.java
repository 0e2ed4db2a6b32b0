package io.vaultrisk.kernels.cpu;

import io.vaultrisk.kernels.CorrelatedPathTask;
import io.vaultrisk.kernels.PathBlock;
import io.vaultrisk.kernels.ProgressSink;

/**
 * The CPU's {@link PathBlock}s: {@link CorrelatedPathKernel} over the {@link BlockScheduler}'s blocks, each writing
 * its own slice of the path-major outputs, so the bits do not depend on the thread count or on where a chunk starts.
 */
final class CorrelatedPathBlocks {
    private static final int LANES = CorrelatedPathKernel.LANES;

    private CorrelatedPathBlocks() {}

    static PathBlock simulate(
            CorrelatedPathTask task, long first, int count, int threads, ProgressSink progress, String device) {
        PathBlock out = PathBlock.allocate(task, first, count, device);
        int nObs = task.observations(), u = task.underlyings(), cps = out.checkpoints();
        BlockScheduler.run(count, BlockScheduler.BLOCK, threads, (offset, n) -> {
            CorrelatedPathKernel k = new CorrelatedPathKernel(task);
            Recorder recorder = new Recorder(out, u, cps);
            for (int g = (int) offset; g < offset + n; g += LANES) {
                recorder.lanes(g, (int) Math.min(LANES, offset + n - g));
                int live = k.run(first + g, offset + n - g, recorder);
                for (int i = 0; i < live; i++) {
                    for (int o = 0; o < nObs; o++) {
                        out.observed()[(g + i) * nObs + o] = k.observed(o, i);
                    }
                }
            }
            progress.advance(n);
            return null;
        });
        return out;
    }

    /** Copies each live lane's checkpoint state into the block. */
    private static final class Recorder implements CorrelatedPathKernel.Monitor {
        private final PathBlock out;
        private final int u, cps;
        private int base, live, c;

        Recorder(PathBlock out, int u, int cps) {
            this.out = out;
            this.u = u;
            this.cps = cps;
        }

        void lanes(int base, int live) {
            this.base = base;
            this.live = live;
        }

        @Override
        public void start() {
            c = 0;
        }

        @Override
        public void checkpoint(int step, double[] ln, double[] lnLow, double[] lnHigh) {
            for (int i = 0; i < live; i++) {
                int at = ((base + i) * cps + c) * u;
                for (int d = 0; d < u; d++) {
                    out.checkpointLn()[at + d] = ln[d * LANES + i];
                    out.checkpointLow()[at + d] = lnLow[d * LANES + i];
                    out.checkpointHigh()[at + d] = lnHigh[d * LANES + i];
                }
            }
            c++;
        }
    }
}
