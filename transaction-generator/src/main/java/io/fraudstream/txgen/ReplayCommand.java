package io.fraudstream.txgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code txgen replay}. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "(being built)")
final class ReplayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
