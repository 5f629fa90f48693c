package dev.framewire.core.process;

/** Names the way a child process ended, from the exit status Java reports (128 + n for death by signal n). */
public final class Signals {
    private static final String[] NAMES = new String[32];

    static {
        NAMES[1] = "SIGHUP";
        NAMES[2] = "SIGINT";
        NAMES[3] = "SIGQUIT";
        NAMES[4] = "SIGILL";
        NAMES[5] = "SIGTRAP";
        NAMES[6] = "SIGABRT";
        NAMES[7] = "SIGBUS";
        NAMES[8] = "SIGFPE";
        NAMES[9] = "SIGKILL";
        NAMES[10] = "SIGUSR1";
        NAMES[11] = "SIGSEGV";
        NAMES[12] = "SIGUSR2";
        NAMES[13] = "SIGPIPE";
        NAMES[14] = "SIGALRM";
        NAMES[15] = "SIGTERM";
        NAMES[24] = "SIGXCPU";
        NAMES[25] = "SIGXFSZ";
    }

    private Signals() {
    }

    /** The signal that killed the process, or null if it exited by itself. */
    public static String signalOf(int exitStatus) {
        int n = exitStatus - 128;
        if (n > 0 && n < NAMES.length) {
            return NAMES[n] != null ? NAMES[n] : "signal " + n;
        }
        return null;
    }

    /** "killed by SIGKILL (exit status 137)" or "exited with status 3". */
    public static String describe(int exitStatus) {
        String signal = signalOf(exitStatus);
        return signal != null
                ? "killed by " + signal + " (exit status " + exitStatus + ")"
                : "exited with status " + exitStatus;
    }
}
