package dev.framewire.examples;

import dev.framewire.analyzers.decode.PhotoDecoder;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shaded jar run as a user runs it: a separate JVM, real standard streams and exit codes. Runs after package. */
class FramewireJarIT {
    @TempDir
    Path dir;

    static Path jar;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("framewire.jar", "target/framewire.jar"));
        assertThat(jar).as("the shaded jar (mvn package builds it)").isRegularFile();
    }

    record Result(int exitCode, String out, String err) {
    }

    private Result java(String... args) throws IOException, InterruptedException {
        return javaWith(List.of(), args);
    }

    private Result javaWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return javaIn(Map.of(), jvmOptions, args);
    }

    private Result javaIn(Map<String, String> environment, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("framewire.jvm.flags", "").trim().split("\\s+")));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        command.removeIf(String::isEmpty);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process p = builder.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("framewire did not finish in 180 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void the_jar_scores_the_demo_photos_and_writes_the_same_archive_as_the_in_process_command() throws Exception {
        Path demo = CliRun.demoPhotos();
        Path fromJar = dir.resolve("jar.jsonl");
        Path inProcess = dir.resolve("in-process.jsonl");
        Result run = java("score", demo.toString(), "--out", fromJar.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("13 scored, 0 failed").doesNotContain("\u001b[");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("WARN");
        assertThat(CliRun.of("score", demo.toString(), "--mode", "sequential", "--out", inProcess.toString(), "--quiet")
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(fromJar)).isEqualTo(Files.readAllBytes(inProcess));
    }

    /** Child JVMs, frames over memory-mapped queues: still the same bytes as the sequential engine. */
    @Test
    void the_processes_engine_writes_the_same_archive_as_the_sequential_one() throws Exception {
        Path demo = CliRun.demoPhotos();
        Path processes = dir.resolve("processes.jsonl");
        Path sequential = dir.resolve("sequential.jsonl");
        Result run = java("score", demo.toString(), "--mode", "processes", "--out", processes.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(CliRun.of("score", demo.toString(), "--mode", "sequential", "--out", sequential.toString(), "--quiet")
                .exitCode()).isZero();
        assertThat(Files.readAllBytes(processes)).isEqualTo(Files.readAllBytes(sequential));
    }

    /** A jar holding {@link PidAgent}, as its agent. */
    private Path pidAgentJar() throws IOException {
        Path agent = dir.resolve("pid-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", PidAgent.class.getName());
        String entry = PidAgent.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(agent), manifest);
             var classFile = PidAgent.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jar);
            jar.closeEntry();
        }
        return agent;
    }

    /**
     * Scores the demo photos under processes with two decoders, in a fresh temporary directory (no class archive yet,
     * so the first child of each node would write one), and returns the process ids that loaded the agent.
     */
    private List<String> agentLoadsInAScoredRun(Map<String, String> environment, List<String> jvmOptions, Path loads)
            throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Djava.io.tmpdir=" + tmp);
        Path processes = dir.resolve("processes.jsonl");
        Result run = javaIn(environment, options, "score", CliRun.demoPhotos().toString(), "--mode", "processes",
                "--workers", "2", "--out", processes.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readAllLines(processes)).hasSize(13);
        return Files.readAllLines(loads);
    }

    /**
     * A launcher that loads an agent (an IDE does, to run a main class) passes it to the children: they must start,
     * though a JVM refuses to write its class archive with an agent loaded, and load it once each.
     */
    @Test
    void children_of_a_jvm_launched_with_an_agent_start_load_it_once_and_score() throws Exception {
        Path loads = dir.resolve("loads.txt");
        List<String> pids = agentLoadsInAScoredRun(Map.of(), List.of("-javaagent:" + pidAgentJar() + "=" + loads), loads);
        assertThat(pids).as("the coordinator and five children, once each").hasSize(6).doesNotHaveDuplicates();
    }

    /** An agent given in JAVA_TOOL_OPTIONS, as monitoring agents are in containers, is loaded once in each JVM too. */
    @Test
    void an_agent_in_java_tool_options_is_loaded_once_in_every_jvm() throws Exception {
        Path loads = dir.resolve("loads.txt");
        List<String> pids = agentLoadsInAScoredRun(
                Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + pidAgentJar() + "=" + loads), List.of(), loads);
        assertThat(pids).as("the coordinator and five children, once each").hasSize(6).doesNotHaveDuplicates();
    }

    /**
     * A flight recording asked of the command line: the coordinator's in the file named, each child's in a file of its
     * own beside it, every one readable (six JVMs writing one file at exit made it unreadable). A fresh temporary
     * directory holds no class archive, so the first children are the ones that would write them.
     */
    @Test
    void a_flight_recording_gives_one_readable_file_per_jvm() throws Exception {
        Path recordings = Files.createDirectory(dir.resolve("recordings"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Result run = javaWith(List.of("-XX:StartFlightRecording=filename=" + recordings.resolve("score.jfr"),
                        "-Djava.io.tmpdir=" + tmp),
                "score", CliRun.demoPhotos().toString(), "--mode", "processes", "--workers", "2", "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (var files = Files.list(recordings)) {
            List<Path> all = files.toList();
            assertThat(all.stream().map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("score.jfr",
                    "score-decode-0-g0.jfr", "score-decode-1-g0.jfr", "score-sharpness-0-g0.jfr",
                    "score-exposure-0-g0.jfr", "score-composition-0-g0.jfr");
            for (Path f : all) {
                assertThat(RecordingFile.readAllEvents(f)).as("events of %s", f).isNotEmpty();
            }
        }
    }

    /**
     * Loading OpenCV's libraries is about half a second of a short run: with the system libjpeg-turbo, a folder of
     * JPEGs must be scored without it.
     */
    @Test
    void a_folder_of_jpegs_is_scored_without_loading_opencv_when_the_system_libjpeg_turbo_is_there() throws Exception {
        assumeTrue(PhotoDecoder.jpegBackend().startsWith("libjpeg-turbo"), "no system libjpeg-turbo here");
        Path photos = Files.createDirectory(dir.resolve("jpegs"));
        try (var demo = Files.list(CliRun.demoPhotos())) {
            for (Path jpeg : demo.filter(f -> f.toString().endsWith(".jpg")).limit(3).toList()) {
                Files.copy(jpeg, photos.resolve(jpeg.getFileName()));
            }
        }
        Path classes = dir.resolve("classes.log");
        Result run = javaWith(List.of("-Xlog:class+load=info:file=" + classes), "score", photos.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(Files.readString(classes)).as("classes the run loaded")
                .contains("dev.framewire.analyzers.kernels.NativeJpeg")
                .doesNotContain("org.bytedeco.opencv.global.opencv_imgcodecs");
    }

    @Test
    void exit_codes_reach_the_shell() throws Exception {
        assertThat(java("score", dir.resolve("missing").toString()).exitCode()).isEqualTo(2);
        assertThat(java("score", "--no-such-option", dir.toString()).exitCode()).isEqualTo(2);
        BadInputs.zeroBytes(dir.resolve("empty.jpg"));
        Result someFailed = java("score", dir.toString(), "--json");
        assertThat(someFailed.exitCode()).isEqualTo(1);
        assertThat(someFailed.out()).isEqualTo("{\"filename\":\"empty.jpg\",\"path\":\"" + dir + "/empty.jpg\",\"error\":\"empty file\"}\n");
        Result help = java("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("score", "thumbnails", "calibrate", "Exit codes:");
    }
}
