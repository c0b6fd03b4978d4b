package io.fraudstream.txgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code txgen score}. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "(being built)")
final class ScoreCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
