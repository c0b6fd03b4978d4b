package io.fraudstream.stack;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fraudstream demo}: the whole product on the local stack. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Bring up the local stack and run fraudstream on it.")
final class DemoCommand implements Callable<Integer> {

    @Mixin StackOptions stack;

    @Override
    public Integer call() {
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        local.up(Duration.ofSeconds(180));
        System.out.println();
        System.out.println(
                "The local stack is up: Kafka on "
                        + local.ports().bootstrapServers()
                        + ", Flink web UI on "
                        + local.ports().flinkRestUrl()
                        + ".");
        System.out.println(
                "Not there yet: the fraud job, the transaction generator and the"
                        + " alert-sink arrive with their issues; until then the demo stops here.");
        System.out.println("Stop the stack with: bin/fraudstream stack down");
        return 0;
    }
}
