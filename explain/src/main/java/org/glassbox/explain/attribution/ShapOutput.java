package org.glassbox.explain.attribution;

/**
 * Which model output a perturbation method (SHAP, occlusion) explains. {@link #SCORE} is the default:
 * a reader sees the finding's probability, so the attributions add up to a change of that
 * probability (e.g. "this region adds 0.31 to the 0.84"), which is what a radiologist can weigh.
 * {@link #LOGIT} is additive in the model's own units and unbounded, preferable for comparing with
 * gradient methods (which explain the logit).
 */
public enum ShapOutput { SCORE, LOGIT }
