package io.vaultrisk.basics;

/**
 * A value and its sensitivities: delta and gamma to spot, vega per unit of vol (1.00 = 100 vol points), rho per unit
 * of rate, theta = −∂V/∂T per year (the value's change as time passes).
 */
public record Greeks(double price, double delta, double gamma, double vega, double rho, double theta) {}
