"""Generates the piecewise polynomial table of ErfcxTable.java (run: python3 gen_erfcx.py > table.txt).

erfcx(x) = exp(x^2) erfc(x) on [0, 64] is approximated in y = 4/(4+x) in (1/17, 1], cut into N equal pieces, each a
degree-D Chebyshev interpolant (mpmath at 40 digits) converted to powers of the local u in [-1, 1]."""
import mpmath as mp
import numpy as np
mp.mp.dps = 40
N, D = 64, 10

def erfcx(x):
    return mp.exp(x * x) * mp.erfc(x)

rows = []
for j in range(N):
    y0, y1 = mp.mpf(j) / N, mp.mpf(j + 1) / N
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / (D + 1)) for k in range(D + 1)]
    vals = []
    for u in nodes:
        y = (y0 + y1) / 2 + (y1 - y0) / 2 * u
        vals.append(erfcx(4 / y - 4) if y > 0 else mp.mpf(0))
    # Chebyshev coefficients
    c = []
    for m in range(D + 1):
        s = mp.fsum(vals[k] * mp.cos(m * mp.pi * (k + mp.mpf(1) / 2) / (D + 1)) for k in range(D + 1))
        c.append(s * (2 if m else 1) / (D + 1))
    # to power basis
    p = [mp.mpf(0)] * (D + 1)
    t_prev, t_cur = [mp.mpf(1)] + [mp.mpf(0)] * D, [mp.mpf(0), mp.mpf(1)] + [mp.mpf(0)] * (D - 1)
    for m in range(D + 1):
        t = t_prev if m == 0 else t_cur
        if m >= 2:
            t_next = [mp.mpf(0)] * (D + 1)
            for i in range(D + 1):
                if i > 0:
                    t_next[i] += 2 * t_cur[i - 1]
                t_next[i] -= t_prev[i]
            t_prev, t_cur = t_cur, t_next
            t = t_cur
        for i in range(D + 1):
            p[i] += c[m] * t[i]
    rows.append([float(v) for v in p])

def approx(x):
    y = 4.0 / (4.0 + x)
    j = min(int(y * N), N - 1)
    u = 2.0 * (y * N - j) - 1.0
    r = 0.0
    for cc in reversed(rows[j]):
        r = r * u + cc
    return r

import random, sys
random.seed(1)
worst = 0.0
for i in range(20000):
    x = random.uniform(0, 64) if i % 2 else 10 ** random.uniform(-8, 1.8)
    if x >= 64: continue
    e = abs(approx(x) / float(erfcx(mp.mpf(x))) - 1)
    worst = max(worst, e)
print("// max relative error on 20000 random points: %.3g" % worst, file=sys.stderr)
for r in rows:
    parts = [", ".join(repr(v) for v in r[i:i + 4]) for i in range(0, len(r), 4)]
    print("        {" + ",\n         ".join(parts) + "},")
