package io.fraudstream.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code fraudstream run-local}: the fraud job in a MiniCluster, in the foreground. */
@Command(
        name = "run-local",
        mixinStandardHelpOptions = true,
        description = {
            "Run the fraud job in a local MiniCluster inside one JVM, without a Flink cluster, for"
                    + " development. Needs a Kafka broker (bin/fraudstream stack up starts one)."
                    + " Ctrl-C stops it.",
            "Every other argument is a job option, `--<key> <value>` as in conf/fraud-job.yaml."
        })
final class RunLocalCommand implements Callable<Integer> {

    @Mixin StackOptions stack;

    @Unmatched List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        Process job =
                new FlinkJobs(layout, local.flink())
                        .local(SubmitCommand.withStackDefaults(local, jobArgs))
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(job::destroy));
        return job.waitFor();
    }
}
