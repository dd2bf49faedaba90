package dev.ownstack.insights.ltv;

import java.util.Objects;

/** A fitted Gamma-Gamma model: its parameters, the maximised log-likelihood and the customers it used. */
public record GammaGammaFit(GammaGammaParameters parameters, double logLikelihood, int customers) {
    public GammaGammaFit {
        Objects.requireNonNull(parameters, "parameters");
    }
}
