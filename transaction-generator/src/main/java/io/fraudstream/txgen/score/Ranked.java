package io.fraudstream.txgen.score;

import java.time.Instant;

/** Something with a score for a card at a time: an alert, or the job's score of a transaction. */
interface Ranked {

    String accountId();

    Instant eventTime();

    double score();
}
