package dev.ownstack.insights.churn;

/**
 * One decile of customers ranked by predicted churn probability (1 = least likely, 10 = most):
 * how many, the mean predicted probability and the share that did churn.
 */
public record CalibrationBin(int decile, int customers, double meanPredicted, double observedRate) {
}
