/**
 * Fairness audit plumbing around {@code explain.fairness}: loading an {@code AuditCohort} from the
 * workspace catalog or from CSV files made elsewhere, derived grouping columns (age bands,
 * intersections), and the report writers (JSON document, self-contained HTML with inline SVG).
 * The statistics themselves live in {@code explain.fairness} / {@code explain.compare}; this package
 * only feeds and renders them (ADR 0014).
 */
package org.glassbox.app.fairness;
