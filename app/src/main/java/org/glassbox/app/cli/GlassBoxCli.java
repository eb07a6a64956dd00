package org.glassbox.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code glassbox} command. Exit codes: 0 success, 1 when some inputs were refused or a
 * command failed, 2 on a usage error. Errors are one clear line on stderr.
 */
@Command(name = "glassbox",
        mixinStandardHelpOptions = true,
        // --help and --version on every subcommand too.
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "GlassBox: radiology AI research workstation. Without a subcommand, opens the workstation on the demo workspace (~/.glassbox/demo, seeded on first run).",
        subcommands = {
            WorkstationCommand.class,
            GenerateCommand.class,
            ImportCommand.class,
            DecodeCommand.class,
            BenchCommand.class,
            ModelsCommand.class,
            TrainCommand.class,
            InferCommand.class,
            AuditCommand.class,
            CompareCommand.class,
            AuditLogCommand.class,
            ExplainCommand.class,
        })
public final class GlassBoxCli implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Override
    public void run() {
        WorkstationCommand.openDemo();
    }

    /** Runs the CLI with the process's streams. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given streams (tests capture them). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new GlassBoxCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILED);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + CliErrors.oneLine(ex));
            return EXIT_FAILED;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            ex.getCommandLine().getErr().println(command + ": " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + command + " --help'.");
            return EXIT_USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
