package dev.framewire.examples;

/** The exit codes of every {@code framewire} command, as documented in {@code --help} and the README. */
public final class ExitCodes {
    /** Every input was processed. */
    public static final int OK = 0;
    /** The run finished, but some inputs could not be processed (each is named in the output and the archive). */
    public static final int SOME_FAILED = 1;
    /** Bad command line: unknown option, missing or unusable folder, unreadable weights or labels file. */
    public static final int USAGE = 2;
    /** The run itself broke down (timeout, internal error); the message says where. */
    public static final int RUN_FAILED = 3;

    /** For picocli's {@code exitCodeList} footer. */
    public static final String HELP = """
            Exit codes:
              0   every input was processed
              1   the run finished but some inputs failed (each is listed, and has an archive line with "error")
              2   usage error: bad option, missing folder, unreadable weights or labels file
              3   the run itself failed (timeout or internal error)""";

    private ExitCodes() {
    }
}
