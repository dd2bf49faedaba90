/**
 * Model management: scoring models configured under {@code scores:} are trained, evaluated, stored
 * with a version in {@code ownstack.score_models} and applied to every customer, their outputs
 * written as traits into {@code model.customer_scores}.
 */
package dev.ownstack.insights.scoring;
