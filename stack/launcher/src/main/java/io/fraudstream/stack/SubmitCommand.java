package io.fraudstream.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/** {@code fraudstream submit}: the fraud job onto the running local cluster. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Submit the fraud job to the local Flink cluster through Flink's CLI front end (what"
                    + " `flink run` executes) and print its job id and web UI link.",
            "Every other argument is a job option, `--<key> <value>` as in conf/fraud-job.yaml,"
                    + " e.g. --detectors.velocity.max-transactions 8. The broker address of the"
                    + " local stack is passed unless you give --kafka.bootstrap-servers."
        })
final class SubmitCommand implements Callable<Integer> {

    @Mixin StackOptions stack;

    @Unmatched List<String> jobArgs = new ArrayList<>();

    @Override
    public Integer call() {
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        String jobId = submit(local, jobArgs);
        System.out.println("submitted the fraud job: " + jobId);
        System.out.println(
                "web UI: "
                        + local.ports().flinkRestUrl()
                        + "/#/job/running/"
                        + jobId
                        + "/overview");
        System.out.println("stop it: bin/fraudstream stack down (or cancel it in the web UI)");
        return 0;
    }

    /** Submits with the local broker address unless the arguments name one; returns the job id. */
    static String submit(LocalStack local, List<String> jobArgs) {
        if (local.flink().overview().isEmpty()) {
            throw new StackException(
                    "submit",
                    "the local Flink cluster does not answer on "
                            + local.ports().flinkRestUrl()
                            + "; start it with bin/fraudstream stack up");
        }
        return new FlinkJobs(local.layout(), local.flink())
                .submit(withStackDefaults(local, jobArgs))
                .jobId();
    }

    /**
     * The job's arguments with the local stack's defaults where they name none: the local broker,
     * and the checkout's rules ({@code conf/rules}) unless a configuration file is given.
     */
    static List<String> withStackDefaults(LocalStack local, List<String> jobArgs) {
        List<String> args = new ArrayList<>(jobArgs);
        if (!args.contains("--kafka.bootstrap-servers")) {
            args.add("--kafka.bootstrap-servers");
            args.add(local.ports().bootstrapServers());
        }
        if (!args.contains("--rules.dir") && !args.contains("--config")) {
            args.add("--rules.dir");
            args.add(local.layout().conf().resolve("rules").toString());
        }
        return args;
    }
}
