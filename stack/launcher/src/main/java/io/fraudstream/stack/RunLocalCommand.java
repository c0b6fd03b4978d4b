package io.fraudstream.stack;

import java.nio.file.Path;
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
        Process job = new FlinkJobs(layout, local.flink()).local(localArgs(layout, local)).start();
        Runtime.getRuntime().addShutdownHook(new Thread(job::destroy));
        return job.waitFor();
    }

    /**
     * The job's arguments with the stack's defaults and, unless given, a checkpoint directory under
     * {@code var/}: the MiniCluster has no cluster configuration to name one, and without it Flink
     * keeps checkpoints in memory and refuses any state over 5 MiB.
     */
    List<String> localArgs(StackLayout layout, LocalStack local) {
        List<String> args = new ArrayList<>(SubmitCommand.withStackDefaults(local, jobArgs));
        if (!args.contains("--checkpoints.dir")) {
            Path dir = layout.var().resolve("run-local").resolve("checkpoints").toAbsolutePath();
            args.add("--checkpoints.dir");
            // a plain path: Flink would quote the percent signs of a URI's escapes again
            args.add(dir.toString());
            System.out.println("run-local: checkpoints in " + layout.show(dir));
        }
        return args;
    }
}
