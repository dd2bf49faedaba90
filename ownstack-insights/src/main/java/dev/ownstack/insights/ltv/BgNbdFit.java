package dev.ownstack.insights.ltv;

import java.util.Objects;

/** A fitted BG/NBD model: its parameters, the maximised log-likelihood and how many customers it saw. */
public record BgNbdFit(BgNbdParameters parameters, double logLikelihood, int customers) {
    public BgNbdFit {
        Objects.requireNonNull(parameters, "parameters");
    }
}
