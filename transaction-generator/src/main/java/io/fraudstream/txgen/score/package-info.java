/**
 * {@code txgen score}: joins the job's alerts with ground-truth labels and measures detection.
 *
 * <p>{@link io.fraudstream.txgen.score.InputReader} reads a {@link
 * io.fraudstream.txgen.score.RecordInput} (a JSON-lines file or a topic) of alerts into an {@link
 * io.fraudstream.txgen.score.AlertLog}, deduplicated by alert id, then labels into a {@link
 * io.fraudstream.txgen.score.LabelIndex} that keeps only frauds and alerted transactions; {@link
 * io.fraudstream.txgen.score.Scorer} computes a {@link io.fraudstream.txgen.score.ScoreReport},
 * which {@link io.fraudstream.txgen.score.TableReport} and {@link
 * io.fraudstream.txgen.score.JsonReport} print. {@link io.fraudstream.txgen.score.Legend} defines
 * every metric.
 */
package io.fraudstream.txgen.score;
