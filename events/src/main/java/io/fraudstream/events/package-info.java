/**
 * The wire contract of fraudstream: the events that travel between its parts as immutable records,
 * their JSON codecs with validation, and the topic names.
 *
 * <p>Each record validates in its constructor, so no code can build an invalid event; each codec
 * ({@link io.fraudstream.events.TransactionCodec}, {@link io.fraudstream.events.AlertCodec}, {@link
 * io.fraudstream.events.VerdictCodec}, {@link io.fraudstream.events.DeadLetterCodec}) rejects
 * invalid bytes with an {@link io.fraudstream.events.InvalidEventException} that names the field
 * and the reason. Nothing here depends on Flink or Kafka.
 */
package io.fraudstream.events;
