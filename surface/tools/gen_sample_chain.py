"""Writes the SYNTHETIC sample chain surface/src/test/resources/chains/btc-sample.json (copied to
examples/chains/btc-sample.json) in the layout of the exchange's public/get_book_summary_by_currency answer.

Nothing in it is market data. Vols come from a known SSVI surface (power-law phi), prices are inverse (coin-quoted)
Black prices on the forward, bids and asks are the prices at vol -/+ a half spread (1 to 4 vol points, wider in the
wings and at short expiries) with seeded noise, rounded outward to the exchange's tick (0.0001 BTC below 0.005,
0.0005 above), as on the exchange. A few rows are deliberately unusable (futures, a perpetual, an expired option, a
crossed market, a missing forward, a garbled name, zero bids in the far wings) to exercise the import's skip list.

    python3 surface/tools/gen_sample_chain.py
"""
import datetime as dt, json, math, random
from scipy.stats import norm

RHO, ETA, GAMMA = -0.22, 0.85, 0.45          # the true SSVI parameters
SPOT, BASIS = 62_500.0, 0.07                  # forward F(T) = SPOT exp(BASIS T)
AS_OF = dt.datetime(2026, 11, 25, 6, 0, tzinfo=dt.timezone.utc)
EXPIRIES = ["26NOV26", "27NOV26", "4DEC26", "11DEC26", "25DEC26", "29JAN27", "26FEB27", "26MAR27", "25JUN27", "24SEP27"]
MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

def atm_vol(t):                                # ATM vol term structure: 45% at the short end, 60% at one year
    return 0.60 - 0.15 * math.exp(-t / 0.15)

def phi(theta):
    return ETA / (theta ** GAMMA * (1 + theta) ** (1 - GAMMA))

def w(k, theta):
    p = phi(theta)
    return 0.5 * theta * (1 + RHO * p * k + math.sqrt((p * k + RHO) ** 2 + 1 - RHO * RHO))

def black(f, k_strike, t, vol, call):
    s = vol * math.sqrt(t)
    d1 = math.log(f / k_strike) / s + 0.5 * s
    d2 = d1 - s
    return f * norm.cdf(d1) - k_strike * norm.cdf(d2) if call else k_strike * norm.cdf(-d2) - f * norm.cdf(-d1)

def tick(p):
    return 0.0001 if p < 0.005 else 0.0005

def expiry_time(code):
    day, mon, yr = int(code[:-5]), MONTHS[code[-5:-2]], 2000 + int(code[-2:])
    return dt.datetime(yr, mon, day, 8, 0, tzinfo=dt.timezone.utc)

rng = random.Random(20261125)
ms = int(AS_OF.timestamp() * 1000)
rows = []
def row(name, f, bid, ask, mark, iv, index):
    rows.append({"volume_usd": 0.0, "volume": 0.0, "underlying_price": f, "underlying_index": index,
                 "quote_currency": "BTC", "price_change": None, "open_interest": round(rng.uniform(0, 900), 1),
                 "mid_price": None if bid is None or ask is None else round((bid + ask) / 2, 5),
                 "mark_price": mark, "mark_iv": iv, "low": None, "last": None, "interest_rate": 0.0,
                 "instrument_name": name, "high": None, "estimated_delivery_price": SPOT,
                 "creation_timestamp": ms + rng.randint(0, 900), "bid_price": bid, "base_currency": "BTC",
                 "ask_price": ask})

for code in EXPIRIES:
    t = (expiry_time(code) - AS_OF).total_seconds() / (365 * 86400)
    f = round(SPOT * math.exp(BASIS * t), 2)
    theta = atm_vol(t) ** 2 * t
    sd = math.sqrt(theta)
    step = 1000 if t < 0.03 else 2000 if t < 0.2 else 5000 if t < 0.6 else 10000
    lo = math.floor(f * math.exp(-3.2 * sd) / step) * step
    hi = math.ceil(f * math.exp(2.6 * sd) / step) * step
    for strike in range(int(lo), int(hi) + 1, step):
        k = math.log(strike / f)
        vol = math.sqrt(w(k, theta) / t)
        z = abs(k) / sd
        half = 0.01 * (1.0 + 0.5 * z + (0.5 if t < 0.03 else 0.0)) * (1 + 0.2 * rng.random())
        skew = 0.003 * (2 * rng.random() - 1)   # the mid is not exactly the true vol
        for call in (True, False):
            name = f"BTC-{code}-{strike}-{'C' if call else 'P'}"
            mark = black(f, strike, t, vol, call) / f
            bid = black(f, strike, t, max(vol - half + skew, 0.01), call) / f
            ask = black(f, strike, t, vol + half + skew, call) / f
            bid = math.floor(bid / tick(bid)) * tick(bid)
            ask = math.ceil(ask / tick(ask)) * tick(ask)
            row(name, f, round(bid, 4) if bid >= 0.0001 else 0.0, round(ask, 4), round(mark, 4),
                round(100 * vol, 2), f"SYN.BTC-{code}")

# deliberately unusable rows
f27 = rows[0]["underlying_price"]
row("BTC-27NOV26", f27, 62510.0, 62520.0, 62515.0, None, "index_price")          # a future, not an option
row("BTC-PERPETUAL", SPOT, 62495.0, 62500.0, 62497.5, None, "index_price")        # the perpetual
row("BTC-24NOV26-60000-C", 62400.0, 0.04, 0.045, 0.042, 40.0, "SYN.BTC-24NOV26")  # expired yesterday
row("BTC-25DEC26-64000-C", 62860.0, 0.05, 0.04, 0.045, 50.0, "SYN.BTC-25DEC26")   # crossed: bid above ask
row("BTC-25DEC26-63000-P", None, 0.03, 0.032, 0.031, 50.0, "SYN.BTC-25DEC26")     # no forward
row("BTC-31FOO26-60000-C", 62500.0, 0.03, 0.032, 0.031, 50.0, "SYN.BTC-31FOO26")  # garbled date
rows[-1]["instrument_name"] = "BTC-31FOO26-60000-C"
del rows[-2]["underlying_price"]

rng.shuffle(rows)
doc = {"jsonrpc": "2.0",
       "_comment": "SYNTHETIC data generated by surface/tools/gen_sample_chain.py from a known SSVI surface "
                   f"(rho={RHO}, eta={ETA}, gamma={GAMMA}, ATM vol 0.60-0.15exp(-T/0.15), F=62500exp(0.07T)) "
                   "with bid/ask noise; not market data.",
       "result": rows, "usIn": ms * 1000, "usOut": ms * 1000 + 900, "usDiff": 900, "testnet": False}
for path in ["surface/src/test/resources/chains/btc-sample.json", "examples/chains/btc-sample.json"]:
    with open(path, "w") as out:
        # one row per line: readable in a diff, a third of the size of an indented dump
        head = {k: v for k, v in doc.items() if k != "result"}
        out.write("{" + json.dumps(head)[1:-1] + ', "result": [\n')
        out.write(",\n".join(json.dumps(r) for r in rows))
        out.write("\n]}\n")
print(len(rows), "rows")
