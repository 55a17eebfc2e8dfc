package dev.aoi.infra.demo;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.Commands;
import dev.aoi.infra.process.ModelOption;
import dev.aoi.infra.process.PipelineProcesses;
import dev.aoi.infra.process.RunFolders;
import dev.aoi.infra.process.ServiceProcess;
import dev.aoi.infra.stack.LocalStack;
import dev.aoi.infra.stack.StackSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./aoi bench pipeline}: the whole line's throughput, not one worker's. One local stack (real broker and
 * PostgreSQL), the persister and the workers as child JVMs as in {@code ./aoi demo}; the synthetic camera
 * publishes at full speed, so the workers, not the camera's rate, set the pace. Once per worker count (default 1
 * and 2) in the same run, each round with image ids of its own: frames/s end to end (frames stored over the time
 * from the first capture to the last row stored) and capture-to-stored p50/p99, read back from the database.
 * With the camera at full speed a backlog builds up, so the latencies measure queueing behind it, not a frame's
 * own path (that is {@code ./aoi demo --rate}).
 */
@Command(name = "./aoi bench pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = "End-to-end frames/s and capture-to-stored p50/p99 of the whole pipeline (camera at full speed,"
                + " real broker and database), once per worker count in the same run.")
public final class PipelineBench implements Callable<Integer> {

    private static final int CLASSES = 4;

    @Option(names = "--frames", description = "frames per round (default: ${DEFAULT-VALUE})")
    int frames = 120;

    @Option(names = "--workers", split = ",", paramLabel = "W",
            description = "worker counts, one round each (default: 1,2)")
    List<Integer> workers = new ArrayList<>(List.of(1, 2));

    @Mixin
    ModelOption model;

    @Option(names = "--worker-jar", paramLabel = "JAR",
            description = "the workers' jar (default: this checkout's build), e.g. an older build to compare with")
    Path workerJar;

    @Option(names = "--seed", description = "the camera's seed (default: ${DEFAULT-VALUE})")
    long seed = 7;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "per round, and for the services to start (default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 600;

    @Option(names = "--json", paramLabel = "FILE", description = "write the figures as JSON")
    Path json;

    /** One round's figures. */
    record Round(int workers, int frames, long stored, long complete, long deadLetters, double framesPerSecond,
            double p50, double p99, double seconds) {

        String json() {
            return String.format(Locale.ROOT, "{\"workers\": %d, \"frames\": %d, \"stored\": %d, "
                    + "\"stored_with_all_classes\": %d, \"dead_letters\": %d, \"frames_per_s\": %.3f, "
                    + "\"capture_to_stored_p50_s\": %.3f, \"capture_to_stored_p99_s\": %.3f, \"seconds\": %.1f}",
                    workers, frames, stored, complete, deadLetters, framesPerSecond, p50, p99, seconds);
        }
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new PipelineBench(), args));
    }

    @Override
    public Integer call() throws Exception {
        Path root = ServiceProcess.repositoryRoot();
        if (frames < 1 || workers.isEmpty() || workers.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("--frames and --workers must be positive");
        }
        Path modelFile = model.resolve(root);
        RunFolders folders = RunFolders.fresh(root, "bench-pipeline");
        Path home = folders.home();
        Path images = folders.images();
        Path results = folders.results();
        Path logs = folders.logs();
        long t0 = System.nanoTime();
        System.out.println("[bench] starting a real Kafka broker (KRaft) and PostgreSQL…");
        LocalStack stack = LocalStack.start(StackSettings.ownStack(home, System.getenv()));
        PipelineProcesses services = new PipelineProcesses(root, stack.bootstrapServers(), Topics.defaults(),
                DemoMain.JVM, logs);
        if (workerJar != null) {
            services.withJar("worker", workerJar);
        }
        Runnable stopAll = () -> {
            services.close();
            stack.close();
        };
        Thread hook = new Thread(stopAll, "aoi-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C: no child JVM, broker or database outlives the bench
        List<Round> rounds = new ArrayList<>();
        try {
            services.startPersister("persister", stack.database().urlWithCredentials(), Map.of());
            System.out.printf("[bench] stack up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            for (int w : workers) {
                Round round = round(stack, services, modelFile, images, results, w);
                rounds.add(round);
                System.out.printf(Locale.ROOT, "[bench] %d worker(s): %.2f frames/s end to end, capture → stored p50 "
                        + "%.2f s, p99 %.2f s (%d of %d stored)%n", w, round.framesPerSecond(), round.p50(),
                        round.p99(), round.stored(), frames);
            }
        } finally {
            stopAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
        print(rounds);
        return rounds.stream().allMatch(r -> r.complete() == frames) ? 0 : 1;
    }

    private Round round(LocalStack stack, PipelineProcesses services, Path modelFile, Path images, Path results,
            int count) throws Exception {
        String prefix = "w" + count;
        List<ServiceProcess> round = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            round.add(services.startWorker(prefix + "-worker-" + i, modelFile, images, results, Map.of()));
        }
        long deadBefore = DemoMain.deadLetters(stack.bootstrapServers());
        services.awaitMembers(count, 1, Duration.ofSeconds(timeoutSeconds));
        System.out.printf("[bench] %d worker(s) ready; the camera publishes %d frames at full speed…%n", count, frames);
        ServiceProcess camera = services.startCamera(prefix + "-camera", images, List.of("--rate", "0", "--frames",
                Integer.toString(frames), "--seed", Long.toString(seed), "--id-prefix", prefix));
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long stored = 0;
        long dead = 0;
        while (System.nanoTime() < deadline) {
            stored = Math.max(0, DemoReport.storedFrames(stack.database(), prefix + "-"));
            dead = DemoMain.deadLetters(stack.bootstrapServers()) - deadBefore;
            if (stored + dead >= frames && !camera.isAlive()) {
                break;
            }
            if (!camera.isAlive() && camera.waitFor(Duration.ZERO) != 0) {
                throw new IllegalStateException("the camera failed:\n" + camera.logTail(30));
            }
            for (ServiceProcess s : round) {
                if (!s.isAlive()) {
                    throw new IllegalStateException(s.name() + " exited:\n" + s.logTail(40));
                }
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        DemoReport report = DemoReport.read(stack.database(), CLASSES, prefix + "-");
        // the next round starts with its own workers; these leave the group cleanly
        round.forEach(s -> services.stop(s, Duration.ofSeconds(30)));
        services.stop(camera, Duration.ofSeconds(5));
        double fps = report.firstToLastSeconds() > 0 ? report.frames() / report.firstToLastSeconds() : Double.NaN;
        return new Round(count, frames, report.frames(), report.framesWithAllClasses(), dead, fps,
                report.latencyP50(), report.latencyP99(), seconds);
    }

    private void print(List<Round> rounds) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.println();
        System.out.println("================ pipeline: camera at full speed → workers → persister → PostgreSQL ================");
        System.out.printf(Locale.ROOT, "%d frames of 1792² per round, 1 persister, %d cores%n", frames, cores);
        System.out.printf(Locale.ROOT, "%-8s %10s %14s %10s %10s %8s%n", "workers", "stored", "frames/s e2e",
                "p50 (s)", "p99 (s)", "DLT");
        for (Round r : rounds) {
            System.out.printf(Locale.ROOT, "%-8d %10s %14.2f %10.2f %10.2f %8d%n", r.workers(),
                    r.stored() + "/" + r.frames(), r.framesPerSecond(), r.p50(), r.p99(), r.deadLetters());
        }
        System.out.println("===================================================================================================");
        if (json != null) {
            String body = String.format(Locale.ROOT, """
                    {
                      "benchmark": "pipeline",
                      "frames_per_round": %d,
                      "cores": %d,
                      "model": "%s",
                      "worker_jar": "%s",
                      "how": "one local stack (KRaft broker, PostgreSQL) and persister; per round, new worker JVMs and the synthetic camera at full speed (simulate --publish --rate 0) with its own id prefix; frames_per_s = frames stored / (last row stored - first frame captured), latencies = images.created_at - captured_at, from the database",
                      "rounds": [
                        %s
                      ]
                    }
                    """, frames, cores, model == null ? "models/aoi-demo.onnx" : model.toString(),
                    workerJar == null ? "this checkout's build" : workerJar.toString(),
                    rounds.stream().map(Round::json).collect(Collectors.joining(",\n    ")));
            Files.writeString(json, body, StandardCharsets.UTF_8);
            System.out.println("wrote " + json);
        }
    }
}
