package io.fraudstream.txgen;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code txgen} in this JVM, as {@code bin/txgen} would, capturing what it prints. */
public final class Txgen {

    /** The exit code and the text of stdout and stderr. */
    public record Result(int exitCode, String out, String err) {}

    private Txgen() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TxgenCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = TxgenCli.execute(cl, args);
        return new Result(code, out.toString(), err.toString());
    }
}
