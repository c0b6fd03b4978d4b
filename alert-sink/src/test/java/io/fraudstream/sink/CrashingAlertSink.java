package io.fraudstream.sink;

import io.fraudstream.events.Alert;
import java.util.Arrays;

/**
 * The alert-sink command line with a fault: {@code --crash-after-alert=ID} halts the JVM (no
 * shutdown hooks, like {@code kill -9}) right after the database commit of the batch that stored
 * that alert, before its offsets are committed. Run in a forked JVM by the crash-safety test.
 */
public final class CrashingAlertSink {

    /** The exit status of the halt, as a SIGKILL would give. */
    static final int HALT_STATUS = 137;

    private static final String OPTION = "--crash-after-alert=";

    private CrashingAlertSink() {}

    public static void main(String[] args) {
        String trigger =
                Arrays.stream(args)
                        .filter(a -> a.startsWith(OPTION))
                        .map(a -> a.substring(OPTION.length()))
                        .findFirst()
                        .orElse(null);
        String[] rest =
                Arrays.stream(args).filter(a -> !a.startsWith(OPTION)).toArray(String[]::new);
        System.exit(
                AlertSinkMain.execute(
                        rest,
                        (batch, result) -> {
                            if (trigger != null
                                    && result.stored().stream()
                                            .map(Alert::alertId)
                                            .anyMatch(trigger::equals)) {
                                Runtime.getRuntime().halt(HALT_STATUS);
                            }
                        }));
    }
}
