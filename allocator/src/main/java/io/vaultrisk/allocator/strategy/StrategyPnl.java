package io.vaultrisk.allocator.strategy;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import io.vaultrisk.montecarlo.risk.ContinuousLiquidation;
import io.vaultrisk.montecarlo.risk.PerpetualMath;
import java.util.Arrays;

/**
 * One strategy's P&L on one path per unit of committed capital, written into its parts: the capital is the collateral
 * of what the strategy writes (the coins under covered calls, the strikes' cash under puts, the cash that buys a delta
 * hedge, plus a perpetual hedge's initial margin), every cash balance earns the one cash rate, and the parts add up
 * exactly to the return.
 */
final class StrategyPnl {
    static final int PREMIUM = 0, PAYOFF = 1, HEDGE = 2, COSTS = 3, CARRY = 4, DEPEG = 5;
    /** Sum of the mid vols of the options sold, their count, and hedges liquidated: the parts past the P&L. */
    static final int VOL_SUM = 6, SALES = 7, LIQUIDATIONS = 8, PARTS = 9;

    private static final double DAY = YearFraction.DAY;
    private final MarketData market;
    private final StrategyAssumptions a;
    private final OptionQuotes[] quotes;
    private final StrategyAssumptions.PerpFunding[] funding;
    private final int stepsPerDay;
    private final double stepYears, lendGrowth, borrowGrowth;
    private final long seed;

    StrategyPnl(MarketData market, StrategyAssumptions a, long seed) {
        this.market = market;
        this.a = a;
        this.seed = seed;
        int n = market.size();
        quotes = new OptionQuotes[n];
        funding = new StrategyAssumptions.PerpFunding[n];
        for (int u = 0; u < n; u++) {
            quotes[u] = OptionQuotes.of(
                    market.underlyings().get(u), market.rate(), a.volRiskPremium(), a.optionHalfSpread());
            funding[u] = a.funding().get(market.underlyings().get(u).name());
        }
        stepsPerDay = a.stepsPerDay();
        stepYears = DAY / stepsPerDay;
        lendGrowth = Math.expm1(a.cashRate() * stepYears);
        borrowGrowth = a.borrowingAllowed() ? Math.expm1(a.borrowRate() * stepYears) : 0.0;
    }

    OptionQuotes quotes(int u) {
        return quotes[u];
    }

    /**
     * The return of {@code t} on one path; {@code spots[u][i]} is underlying u after i steps (stepsPerDay a day),
     * {@code vols[u][i]} its log ATM vol factor then (0 without vol dynamics).
     *
     * @param path the path's index and {@code strategy} the template's, which key a perpetual hedge's liquidation draw
     * @param out the parts, added to (length {@link #PARTS})
     */
    double evaluate(
            StrategyTemplate t,
            double[][] spots,
            double[][] vols,
            int days,
            boolean depegged,
            long path,
            int strategy,
            double[] out) {
        if (t instanceof StrategyTemplate.Stablecoin s) {
            double carry = Math.expm1(s.annualYield() * days * DAY);
            out[CARRY] += carry;
            return carry + depeg(1 + carry, depegged, out);
        }
        int u = market.indexOf(StrategySimulator.underlying(t));
        double[] s = spots[u], x = vols[u];
        if (t instanceof StrategyTemplate.Spot) {
            double r = s[days * stepsPerDay] / s[0] - 1;
            out[HEDGE] += r;
            return r;
        } else if (t instanceof StrategyTemplate.CoveredCall c) {
            return shortOptions(OptionType.CALL, c.delta(), c.tenorDays(), quotes[u], s, x, days, true, depegged, out);
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return shortOptions(OptionType.PUT, -c.delta(), c.tenorDays(), quotes[u], s, x, days, false, depegged, out);
        }
        return hedgedShortCall((StrategyTemplate.DeltaHedgedShortCall) t, u, s, x, days, depegged, path, strategy, out);
    }

    private double interest(double cash) {
        return cash * (cash >= 0 ? lendGrowth : borrowGrowth);
    }

    /** A day of interest on cash, compounded over the day's steps. */
    private double dayInterest(double cash) {
        double start = cash;
        for (int k = 0; k < stepsPerDay; k++) {
            cash += interest(cash);
        }
        return cash - start;
    }

    private double depeg(double cash, boolean depegged, double[] out) {
        if (!depegged || cash <= 0) {
            return 0.0;
        }
        double loss = -cash * a.depeg().loss();
        out[DEPEG] += loss;
        return loss;
    }

    /**
     * Covered calls (hold 1/S₀ coins per unit of capital, sell as many calls) or cash-secured puts (cash 1, sell
     * cash/K puts at each roll), sold at the bid at each roll, struck by delta on the path's spot, and bought back at
     * the ask at the horizon.
     */
    private double shortOptions(
            OptionType type,
            double delta,
            int tenor,
            OptionQuotes q,
            double[] s,
            double[] x,
            int days,
            boolean covered,
            boolean depegged,
            double[] out) {
        double coins = covered ? 1.0 / s[0] : 0.0;
        double cash = covered ? 0.0 : 1.0;
        double quantity = 0, strike = 0;
        int expiry = -1;
        for (int d = 0; d <= days; d++) {
            double spot = s[d * stepsPerDay], xNow = x[d * stepsPerDay];
            if (d > 0) {
                double i = dayInterest(cash);
                cash += i;
                out[CARRY] += i;
            }
            if (d == expiry) {
                double pay = quantity * Math.max(type.isCall() ? spot - strike : strike - spot, 0.0);
                cash -= pay;
                out[PAYOFF] -= pay;
                quantity = 0;
            }
            if (quantity == 0 && d < days) {
                double tau = tenor * DAY;
                strike = q.strikeForDelta(type, spot, delta, tau, xNow);
                quantity = covered ? coins : cash / strike;
                double premium = quantity * q.bid(type, spot, strike, tau, xNow);
                cash += premium;
                out[PREMIUM] += premium;
                out[VOL_SUM] += q.midVol(tau, strike, spot, xNow);
                out[SALES] += 1;
                expiry = d + tenor;
            }
        }
        double spotEnd = s[days * stepsPerDay];
        if (quantity > 0) {
            double buyBack = quantity * q.ask(type, spotEnd, strike, (expiry - days) * DAY, x[days * stepsPerDay]);
            cash -= buyBack;
            out[PAYOFF] -= buyBack;
        }
        out[HEDGE] += coins * (spotEnd - s[0]);
        return coins * spotEnd + cash + depeg(cash, depegged, out) - 1.0;
    }

    /**
     * Short 1/S₀ calls per unit of capital, rolled at expiry, with a delta hedge checked every hedge interval and
     * traded back to the option's delta when off by more than the band (in delta per option), paying the trading
     * cost. A spot hedge is bought with the cash; a perpetual is settled in cash each step and pays funding. With a
     * {@link StrategyAssumptions.PerpMargin} the perpetual's margin account (part of the cash, earning its rate) is
     * brought to the initial margin at every hedge check, takes the position's P&L and funding, and the position is
     * liquidated when its equity falls below the maintenance margin, at a step's end or between steps (the
     * Brownian-bridge crossing at the model vol, against one uniform per path and strategy, as the risk engine's
     * perpetuals): the account is lost and the path goes on unhedged. The capital is then 1 + the initial margin
     * posted at the start (the same on every path), and the return and its parts are per unit of it.
     */
    private double hedgedShortCall(
            StrategyTemplate.DeltaHedgedShortCall h,
            int u,
            double[] s,
            double[] x,
            int days,
            boolean depegged,
            long path,
            int strategy,
            double[] out) {
        OptionQuotes q = quotes[u];
        boolean perp = a.hedgeInstrument() == HedgeInstrument.PERP;
        StrategyAssumptions.PerpFunding pf = perp ? funding[u] : null;
        FundingModel fund = pf == null ? null : pf.model();
        double fundingPerStep = pf == null ? 0.0 : 24.0 / stepsPerDay / pf.intervalHours();
        double vol = market.underlyings().get(u).vol();
        TradingCost tc = a.tradingCost();
        int hedgeSteps = a.hedgeSteps(), steps = days * stepsPerDay;
        double n = 1.0 / s[0], logS0 = Math.log(s[0]);
        double cash = 1.0, hedge = 0, strike = 0;
        int expiry = -1;
        boolean open = false;
        StrategyAssumptions.PerpMargin margin = a.perpMargin();
        boolean margined = perp && margin.isOn(), liquidated = false;
        double account = 0, capital = 1.0, logSurvival = 0, stepVariance = vol * vol * stepYears;
        double logUniform = margined ? Math.log(ContinuousLiquidation.uniform(seed, path, strategy)) : 0.0;
        boolean logs = margined || fund != null;
        double lnPrev = logS0;
        for (int i = 0; i <= steps; i++) {
            double spot = s[i];
            if (i > 0) {
                double lnNow = logs ? Math.log(spot) : 0.0;
                if (margined && hedge != 0) {
                    // the liquidation price is fixed over the step: the account and the settlement price are
                    double liq =
                            PerpetualMath.liquidationPrice(true, hedge, s[i - 1], account, margin.maintenance(), 0);
                    boolean hit = hedge > 0 ? spot < liq : spot > liq;
                    if (!hit && !Double.isNaN(liq)) {
                        logSurvival += Math.log1p(
                                -ContinuousLiquidation.crossingProbability(lnPrev, lnNow, Math.log(liq), stepVariance));
                        hit = logSurvival < logUniform;
                    }
                    liquidated = hit;
                }
                if (liquidated && hedge != 0) {
                    out[HEDGE] -= account;
                    out[LIQUIDATIONS] += 1;
                    cash -= account;
                    hedge = 0;
                    account = 0;
                }
                double move = hedge * (spot - s[i - 1]);
                out[HEDGE] += move;
                if (perp) {
                    cash += move;
                    account += move;
                    if (fund != null) {
                        double paid = fund.rate(lnNow - logS0) * fundingPerStep * hedge * spot;
                        cash -= paid;
                        account -= paid;
                        out[HEDGE] -= paid;
                    }
                }
                double interest = interest(cash);
                cash += interest;
                out[CARRY] += interest;
                lnPrev = lnNow;
            }
            if (i % stepsPerDay == 0) {
                int d = i / stepsPerDay;
                if (open && d == expiry) {
                    double pay = n * Math.max(spot - strike, 0.0);
                    cash -= pay;
                    out[PAYOFF] -= pay;
                    open = false;
                }
                if (!open && d < days) {
                    double tau = h.tenorDays() * DAY;
                    strike = q.strikeForDelta(OptionType.CALL, spot, h.delta(), tau, x[i]);
                    double premium = n * q.bid(OptionType.CALL, spot, strike, tau, x[i]);
                    cash += premium;
                    out[PREMIUM] += premium;
                    out[VOL_SUM] += q.midVol(tau, strike, spot, x[i]);
                    out[SALES] += 1;
                    expiry = d + h.tenorDays();
                    open = true;
                }
            }
            if (i < steps && i % hedgeSteps == 0 && !liquidated) {
                double target = open
                        ? n * q.delta(OptionType.CALL, spot, strike, (expiry * stepsPerDay - i) * stepYears, x[i])
                        : 0.0;
                if (Math.abs(target - hedge) > h.hedgeBand() * n) {
                    double trade = target - hedge;
                    if (!perp && !a.borrowingAllowed() && trade > 0) {
                        double affordable = Math.max(cash, 0.0) / (spot * (1 + tc.feeRate() + tc.halfSpread()));
                        trade = Math.min(trade, affordable);
                    }
                    if (trade != 0) {
                        double cost = tc.cost(trade, spot, vol);
                        cash -= cost;
                        out[COSTS] -= cost;
                        if (!perp) {
                            cash -= trade * spot;
                        }
                        hedge += trade;
                    }
                }
                if (margined) {
                    // the account is moved to the initial margin within the cash; at the start it is new capital
                    double required = margin.initial() * Math.abs(hedge) * spot;
                    if (i == 0) {
                        capital += required;
                        cash += required;
                    }
                    account = required;
                }
            }
        }
        double spotEnd = s[steps];
        double value = cash + (perp ? 0.0 : hedge * spotEnd);
        if (open) {
            double buyBack = n * q.ask(OptionType.CALL, spotEnd, strike, (expiry - days) * DAY, x[steps]);
            value -= buyBack;
            cash -= buyBack;
            out[PAYOFF] -= buyBack;
        }
        double r = value + depeg(cash, depegged, out) - capital;
        if (capital != 1.0) {
            for (int c = PREMIUM; c <= DEPEG; c++) {
                out[c] /= capital;
            }
            r /= capital;
        }
        return r;
    }

    static double[] parts() {
        double[] p = new double[PARTS];
        Arrays.fill(p, 0.0);
        return p;
    }
}
