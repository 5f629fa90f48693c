package dev.framewire.examples;

import dev.framewire.examples.calibrate.CalibrateCommand;
import dev.framewire.examples.ipc.IpcCommand;
import dev.framewire.examples.scorer.DecodeOnlyCommand;
import dev.framewire.examples.scorer.ScoreCommand;
import dev.framewire.examples.thumbnails.ThumbnailsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code framewire} command: {@code score}, {@code thumbnails}, {@code calibrate} (and {@code ipc}, from the
 * benchmarks side). {@link #execute} runs it in-process with given streams, which is what tests call;
 * {@link #main} adds {@code System.exit}.
 */
@Command(name = "framewire",
        mixinStandardHelpOptions = true,
        versionProvider = FramewireCli.Version.class,
        description = "Score photos post_it / maybe / delete by sharpness, exposure and composition, make "
                + "thumbnails, and fit the score to your own judgement.",
        subcommands = {ScoreCommand.class, ThumbnailsCommand.class, CalibrateCommand.class, DecodeOnlyCommand.class, IpcCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", ExitCodes.HELP, "", "Start with: framewire score examples/demo-photos"})
public final class FramewireCli implements Runnable {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param out      standard output
     * @param err      standard error
     * @param terminal whether {@code out} is an interactive terminal (live progress and colours)
     */
    public FramewireCli(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean terminal() {
        return terminal;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** Runs {@code framewire args...} and returns its exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        CommandLine cli = new CommandLine(new FramewireCli(out, err, terminal));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE
                : ExitCodes.RUN_FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("framewire: internal error: " + e
                    + (System.getenv("FRAMEWIRE_DEBUG") == null ? " (FRAMEWIRE_DEBUG=1 shows where)" : ""));
            if (System.getenv("FRAMEWIRE_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.RUN_FAILED;
        });
        cli.setParameterExceptionHandler(FramewireCli::reportUsageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    /**
     * A usage error is one line that names what was wrong, then where to look: the full help would bury it.
     * Unknown options are reported before anything else picocli noticed, since they usually explain the rest.
     */
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        java.util.List<String> unmatched = command.getUnmatchedArguments();
        String problem = unmatched.isEmpty() || e instanceof CommandLine.UnmatchedArgumentException
                ? e.getMessage()
                : "Unknown option or argument: " + String.join(" ", unmatched);
        command.getErr().println(name + ": " + problem.replace(System.lineSeparator(), " ").strip());
        command.getErr().println("Try '" + name + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = execute(args, out, err, isInteractive());
        out.flush();
        System.exit(code);
    }

    /** A terminal that can show live progress and colour: a console, not dumb, NO_COLOR not set. */
    private static boolean isInteractive() {
        String term = System.getenv("TERM");
        return System.console() != null && System.getenv("NO_COLOR") == null
                && term != null && !term.equals("dumb");
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FramewireCli.class.getPackage().getImplementationVersion();
            return new String[] {"framewire " + (v == null ? "(development build)" : v)};
        }
    }
}
