package io.vaultrisk.allocator.strategy;

import io.vaultrisk.basics.OptionType;
import io.vaultrisk.basics.YearFraction;
import io.vaultrisk.montecarlo.book.FundingModel;
import io.vaultrisk.montecarlo.book.MarketData;
import java.util.Arrays;

/**
 * One strategy's P&L on one path per unit of committed capital, written into its parts: the capital is the collateral
 * of what the strategy writes (the coins under covered calls, the strikes' cash under puts, the cash that buys a delta
 * hedge), every cash balance earns the one cash rate, and the parts add up exactly to the return.
 */
final class StrategyPnl {
    static final int PREMIUM = 0, PAYOFF = 1, HEDGE = 2, COSTS = 3, CARRY = 4, DEPEG = 5;
    /** Sum of the mid vols of the options sold, and their count: the parts past the P&L. */
    static final int VOL_SUM = 6, SALES = 7, PARTS = 8;

    private static final double DAY = YearFraction.DAY;
    private final MarketData market;
    private final StrategyAssumptions a;
    private final OptionQuotes[] quotes;
    private final StrategyAssumptions.PerpFunding[] funding;
    private final int stepsPerDay;
    private final double stepYears, lendGrowth, borrowGrowth;

    StrategyPnl(MarketData market, StrategyAssumptions a) {
        this.market = market;
        this.a = a;
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
     * The return of {@code t} on one path; {@code spots[u][i]} is underlying u after i steps (stepsPerDay a day).
     *
     * @param out the parts, added to (length {@link #PARTS})
     */
    double evaluate(StrategyTemplate t, double[][] spots, int days, boolean depegged, double[] out) {
        if (t instanceof StrategyTemplate.Stablecoin s) {
            double carry = Math.expm1(s.annualYield() * days * DAY);
            out[CARRY] += carry;
            return carry + depeg(1 + carry, depegged, out);
        }
        int u = market.indexOf(StrategySimulator.underlying(t));
        double[] s = spots[u];
        if (t instanceof StrategyTemplate.Spot) {
            double r = s[days * stepsPerDay] / s[0] - 1;
            out[HEDGE] += r;
            return r;
        } else if (t instanceof StrategyTemplate.CoveredCall c) {
            return shortOptions(OptionType.CALL, c.delta(), c.tenorDays(), quotes[u], s, days, true, depegged, out);
        } else if (t instanceof StrategyTemplate.CashSecuredPut c) {
            return shortOptions(OptionType.PUT, -c.delta(), c.tenorDays(), quotes[u], s, days, false, depegged, out);
        }
        return hedgedShortCall((StrategyTemplate.DeltaHedgedShortCall) t, u, s, days, depegged, out);
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
            int days,
            boolean covered,
            boolean depegged,
            double[] out) {
        double coins = covered ? 1.0 / s[0] : 0.0;
        double cash = covered ? 0.0 : 1.0;
        double quantity = 0, strike = 0;
        int expiry = -1;
        for (int d = 0; d <= days; d++) {
            double spot = s[d * stepsPerDay];
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
                strike = q.strikeForDelta(type, spot, delta, tau);
                quantity = covered ? coins : cash / strike;
                double premium = quantity * q.bid(type, spot, strike, tau);
                cash += premium;
                out[PREMIUM] += premium;
                out[VOL_SUM] += q.midVol(tau, strike, spot);
                out[SALES] += 1;
                expiry = d + tenor;
            }
        }
        double spotEnd = s[days * stepsPerDay];
        if (quantity > 0) {
            double buyBack = quantity * q.ask(type, spotEnd, strike, (expiry - days) * DAY);
            cash -= buyBack;
            out[PAYOFF] -= buyBack;
        }
        out[HEDGE] += coins * (spotEnd - s[0]);
        return coins * spotEnd + cash + depeg(cash, depegged, out) - 1.0;
    }

    /**
     * Short 1/S₀ calls per unit of capital, rolled at expiry, with a delta hedge checked every hedge interval and
     * traded back to the option's delta when off by more than the band (in delta per option), paying the trading
     * cost. A spot hedge is bought with the cash; a perpetual is settled in cash each step and pays funding.
     */
    private double hedgedShortCall(
            StrategyTemplate.DeltaHedgedShortCall h, int u, double[] s, int days, boolean depegged, double[] out) {
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
        for (int i = 0; i <= steps; i++) {
            double spot = s[i];
            if (i > 0) {
                double move = hedge * (spot - s[i - 1]);
                out[HEDGE] += move;
                if (perp) {
                    cash += move;
                    if (fund != null) {
                        double paid = fund.rate(Math.log(spot) - logS0) * fundingPerStep * hedge * spot;
                        cash -= paid;
                        out[HEDGE] -= paid;
                    }
                }
                double interest = interest(cash);
                cash += interest;
                out[CARRY] += interest;
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
                    strike = q.strikeForDelta(OptionType.CALL, spot, h.delta(), tau);
                    double premium = n * q.bid(OptionType.CALL, spot, strike, tau);
                    cash += premium;
                    out[PREMIUM] += premium;
                    out[VOL_SUM] += q.midVol(tau, strike, spot);
                    out[SALES] += 1;
                    expiry = d + h.tenorDays();
                    open = true;
                }
            }
            if (i < steps && i % hedgeSteps == 0) {
                double target =
                        open ? n * q.delta(OptionType.CALL, spot, strike, (expiry * stepsPerDay - i) * stepYears) : 0.0;
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
            }
        }
        double spotEnd = s[steps];
        double value = cash + (perp ? 0.0 : hedge * spotEnd);
        if (open) {
            double buyBack = n * q.ask(OptionType.CALL, spotEnd, strike, (expiry - days) * DAY);
            value -= buyBack;
            cash -= buyBack;
            out[PAYOFF] -= buyBack;
        }
        return value + depeg(cash, depegged, out) - 1.0;
    }

    static double[] parts() {
        double[] p = new double[PARTS];
        Arrays.fill(p, 0.0);
        return p;
    }
}
