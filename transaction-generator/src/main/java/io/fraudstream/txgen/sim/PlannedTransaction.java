package io.fraudstream.txgen.sim;

import io.fraudstream.txgen.Scenario;

/** A transaction decided but not yet emitted: when, which card, where, how much, and why. */
final class PlannedTransaction {

    final long timeMillis;
    final long order;
    final int account;
    int terminal;
    long cents;
    final Scenario scenario;
    final int incident;

    PlannedTransaction(
            long timeMillis,
            long order,
            int account,
            int terminal,
            long cents,
            Scenario scenario,
            int incident) {
        this.timeMillis = timeMillis;
        this.order = order;
        this.account = account;
        this.terminal = terminal;
        this.cents = cents;
        this.scenario = scenario;
        this.incident = incident;
    }

    /** Emission order: by time, then by when it was planned. */
    static int compare(PlannedTransaction a, PlannedTransaction b) {
        int byTime = Long.compare(a.timeMillis, b.timeMillis);
        return byTime != 0 ? byTime : Long.compare(a.order, b.order);
    }
}
