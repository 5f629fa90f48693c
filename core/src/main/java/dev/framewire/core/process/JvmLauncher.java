package dev.framewire.core.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the command line of a child JVM: the coordinator's own java binary, class path and JVM options (its
 * {@code RuntimeMXBean} input arguments, so it works whatever launched the coordinator: Maven, an IDE, a shaded
 * jar), plus the flags Chronicle Queue needs on JDK 17+ (a jar launcher's manifest may have supplied them to the
 * coordinator without their appearing as options). A child writes the files its options name under a name of its
 * own ({@link #ownFile}), and starts without the variables the coordinator's options came from in part
 * ({@link #processBuilder}).
 */
public final class JvmLauncher {
    /** Chronicle Queue's JDK 17 flags, as in the parent pom's {@code framewire.jvm.flags}. */
    static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true");

    /**
     * The variables a JVM takes options from. The coordinator's options include what they held (they are among its
     * {@code RuntimeMXBean} input arguments, which its children inherit), so a child that also read them would apply
     * each option twice: an agent in {@code JAVA_TOOL_OPTIONS}, as monitoring agents are often given in containers,
     * would be loaded twice, and a flight recording would be started once more into the coordinator's own file.
     */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    /** Where options that name a file put the name ({@link #ownFile}). */
    private static final Pattern RECORDING_FILE = Pattern.compile("[=:,]filename=([^,]+)");
    private static final Pattern LOG_FILE = Pattern.compile(":file=\"?([^\":]+)");
    private static final Pattern LEGACY_GC_LOG = Pattern.compile("^-Xloggc:(.+)");
    private static final Pattern PATH_FLAG = Pattern.compile("^-XX:(?:HeapDumpPath|LogFile)=(.+)");

    private JvmLauncher() {
    }

    /**
     * The command line of a JVM like this one (same java binary, JVM options and class path) running
     * {@code mainClass} with {@code args}: for tools and benchmarks that fork their own helpers (start it with
     * {@link #processBuilder}). Files its options name get the main class's simple name ({@link #ownFile}).
     */
    public static List<String> javaCommand(String mainClass, String... args) {
        return javaCommand(List.of(), mainClass, List.of(args));
    }

    /** As {@link #javaCommand(String, String...)}, with {@code options} added after the inherited ones. */
    public static List<String> javaCommand(List<String> options, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(CHRONICLE_FLAGS);
        String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        for (String option : inheritedOptions()) {
            cmd.add(ownFile(option, name));
        }
        cmd.addAll(options);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    /**
     * A process builder for {@code command}, a JVM's command line made here, in an environment without
     * {@link #OPTION_VARIABLES}: the options they held are on the command line already.
     */
    public static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeAll(OPTION_VARIABLES);
        return builder;
    }

    static String javaBinary() {
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The coordinator's JVM options minus those a child must not inherit (a debugger agent's port). */
    static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || arg.startsWith("-XX:ErrorFile")) {
                continue;
            }
            options.add(arg);
        }
        return options;
    }

    /**
     * The command line of a child JVM.
     *
     * @param childName names the child among the coordinator's (node, replica or launch number), for files a child
     *                  must not share with the coordinator or its siblings
     */
    static List<String> command(ChildJvm.Launch launch, RunDirectory run, String specFile, String childName) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(CHRONICLE_FLAGS);
        for (String option : launch.inherited()) {
            cmd.add(ownFile(option, childName));
        }
        cmd.addAll(launch.flags());
        // a JVM crash (native abort, null dereference) leaves its report with the run, not in the working directory
        cmd.add("-XX:ErrorFile=" + run.path().resolve("hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ChildMain.class.getName());
        cmd.add(run.path().toString());
        cmd.add(specFile);
        return cmd;
    }

    /**
     * {@code option}, or for one that makes the JVM write a file of a fixed name, the same option naming a file of the
     * child's own: {@code name.ext} becomes {@code name-<childName>.ext}. That is a flight recording started into a
     * named file ({@code -XX:StartFlightRecording=filename=rec.jfr}; JDK 17 does not expand {@code %p} there), a log written to a file whose name does not hold the process id ({@code -Xlog:gc:file=gc.log},
     * {@code -Xloggc:gc.log}, {@code -XX:LogFile=}) and a heap dump's file ({@code -XX:HeapDumpPath=}, unless a
     * directory). The coordinator and its children would otherwise all write one file: a recording came out
     * unreadable, each JVM that opened the log moved the previous one's aside, and only the first heap dump was
     * written.
     */
    static String ownFile(String option, String childName) {
        Matcher m;
        if (option.startsWith("-XX:StartFlightRecording")) {
            m = RECORDING_FILE.matcher(option);
        } else if (option.startsWith("-Xlog:")) {
            m = LOG_FILE.matcher(option);
        } else if (option.startsWith("-Xloggc:")) {
            m = LEGACY_GC_LOG.matcher(option);
        } else if (option.startsWith("-XX:HeapDumpPath=") || option.startsWith("-XX:LogFile=")) {
            m = PATH_FLAG.matcher(option);
            if (m.find() && Files.isDirectory(Path.of(m.group(1)))) {
                return option; // the JVM names its dump after its process id inside
            }
            m.reset();
        } else {
            return option;
        }
        if (!m.find() || m.group(1).contains("%p")) {
            return option; // without a name, or with the process id in it, each JVM has its own file already
        }
        String file = m.group(1);
        int slash = file.lastIndexOf('/');
        int dot = file.lastIndexOf('.');
        String own = dot > slash + 1 ? file.substring(0, dot) + "-" + childName + file.substring(dot)
                : file + "-" + childName;
        return option.substring(0, m.start(1)) + own + option.substring(m.end(1));
    }
}
