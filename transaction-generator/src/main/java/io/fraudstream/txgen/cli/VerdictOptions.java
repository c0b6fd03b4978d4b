package io.fraudstream.txgen.cli;

import io.fraudstream.events.Durations;
import io.fraudstream.events.Topic;
import io.fraudstream.txgen.sink.Destinations;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --verdicts-delay}, {@code --verdicts-topic}, {@code --verdicts-out}: the chargebacks. */
public final class VerdictOptions {

    @Option(
            names = "--verdicts-delay",
            paramLabel = "DURATION",
            converter = Converters.Span.class,
            description =
                    "Also emit a chargeback verdict (FRAUD, source chargeback, with the"
                            + " transaction's terminal, merchant and time) for every fraud, decided"
                            + " this long after it in event time, such as 7d; sent as the run's"
                            + " clock passes it, the rest at the end.")
    Duration delay;

    @Option(
            names = "--verdicts-topic",
            paramLabel = "NAME",
            description = "Topic for the verdicts, keyed by accountId. Default: fraud-verdicts.")
    String topic;

    @Option(
            names = "--verdicts-out",
            paramLabel = "FILE",
            description = "Write the verdicts as JSON lines to FILE instead of a topic.")
    String file;

    /** Checks the combination: files need a file, a delay needs a destination. */
    public void validate(CommandLine cl, OutputOptions output) {
        if (delay == null && (topic != null || file != null)) {
            throw new ParameterException(
                    cl, "--verdicts-topic and --verdicts-out need --verdicts-delay");
        }
        if (delay != null && delay.isNegative()) {
            throw new ParameterException(cl, "--verdicts-delay must be >= 0, was " + delay);
        }
        if (delay != null && !output.kafka() && file == null) {
            throw new ParameterException(
                    cl, "--verdicts-delay with --out needs --verdicts-out FILE for the verdicts");
        }
    }

    /** The chargeback delay, or null for none. */
    public Duration delay() {
        return delay;
    }

    /** The verdicts file, or null. */
    public String file() {
        return file;
    }

    /** The verdicts topic, or null when there are no verdicts or they go to a file. */
    public String topic() {
        return delay == null || file != null
                ? null
                : topic != null ? topic : Topic.FRAUD_VERDICTS.defaultName();
    }

    /** The start line's words for the verdicts, such as {@code ", verdicts 7 d later to ..."}. */
    public String describe(Destinations destinations) {
        return delay == null
                ? ""
                : ", verdicts "
                        + Durations.exact(delay)
                        + " later to "
                        + destinations.describeVerdicts();
    }
}
