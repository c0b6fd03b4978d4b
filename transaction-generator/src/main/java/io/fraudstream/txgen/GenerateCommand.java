package io.fraudstream.txgen;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code txgen generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "(being built)")
final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
