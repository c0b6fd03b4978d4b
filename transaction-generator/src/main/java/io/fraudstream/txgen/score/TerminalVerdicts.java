package io.fraudstream.txgen.score;

import io.fraudstream.events.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * When each terminal's fraud was first confirmed: the earliest {@code decidedAt} of the FRAUD
 * verdicts naming it, chargebacks and analysts alike. From then on the job knows the terminal is
 * risky, so a card defrauded there afterwards is one the job had the information to catch.
 */
public final class TerminalVerdicts {

    private final String source;
    private final Map<String, Instant> firstFraud = new HashMap<>();
    private long records;
    private long skippedBad;

    public TerminalVerdicts(String source) {
        this.source = source;
    }

    public void add(Verdict verdict) {
        records++;
        if (verdict.label() == Verdict.Label.FRAUD && verdict.terminalId() != null) {
            firstFraud.merge(
                    verdict.terminalId(), verdict.decidedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
    }

    public void skippedBad() {
        skippedBad++;
    }

    /** The first FRAUD verdict's decidedAt for the terminal, or null. */
    public Instant firstFraud(String terminalId) {
        return terminalId == null ? null : firstFraud.get(terminalId);
    }

    public String source() {
        return source;
    }

    public long records() {
        return records;
    }

    public long skippedBadCount() {
        return skippedBad;
    }

    /** Terminals with at least one FRAUD verdict. */
    public int terminals() {
        return firstFraud.size();
    }
}
