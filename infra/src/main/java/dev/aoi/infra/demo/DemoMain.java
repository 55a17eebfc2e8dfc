package dev.aoi.infra.demo;

import dev.aoi.common.Topics;
import dev.aoi.common.cli.Commands;
import dev.aoi.infra.process.PipelineProcesses;
import dev.aoi.infra.process.RunFolders;
import dev.aoi.infra.postgres.ReaderLogin;
import dev.aoi.infra.process.ServiceProcess;
import dev.aoi.infra.stack.LocalStack;
import dev.aoi.infra.stack.LocalStackMain;
import dev.aoi.infra.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./aoi demo}: the whole pipeline on this machine — a real broker and PostgreSQL, the synthetic camera,
 * workers with the demo model and the persister, each in its own JVM as in production — then a summary read
 * back from the database. Exit code 0 only if every frame was stored with one row per class.
 */
public final class DemoMain {

    private static final int CLASSES = 4;
    static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC", "-Xss16m");

    private DemoMain() {
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new DemoCommand(), args));
    }

    static int run(Path root, DemoSettings demo) throws Exception {
        RunFolders folders = RunFolders.fresh(root, "demo");
        Path home = folders.home();
        Path images = folders.images();
        Path results = folders.results();
        Path logs = folders.logs();
        StackSettings settings = StackSettings.ownStack(home, System.getenv());

        long t0 = System.nanoTime();
        System.out.println("[demo] starting a real Kafka broker (KRaft) and PostgreSQL…");
        LocalStack stack = LocalStack.start(settings);
        PipelineProcesses services = new PipelineProcesses(root, stack.bootstrapServers(), Topics.defaults(),
                List.of("-Xmx1g", "-XX:+UseG1GC", "-Xss16m"), logs);
        Runnable stopAll = () -> {
            services.close();
            stack.close();
        };
        Thread hook = new Thread(stopAll, "aoi-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.printf("[demo] stack up in %.1f s; starting the persister and %d worker(s)…%n",
                (System.nanoTime() - t0) / 1e9, demo.workers());
        services.startPersister("persister", stack.database().urlWithCredentials(), Map.of());
        for (int i = 1; i <= demo.workers(); i++) {
            services.startWorker("demo-worker-" + i, demo.model(), images, results, Map.of());
        }
        services.awaitMembers(demo.workers(), 1, Duration.ofSeconds(120));
        System.out.printf("[demo] services ready at %.1f s; the synthetic camera publishes %d frames…%n",
                (System.nanoTime() - t0) / 1e9, demo.frames());

        long cameraStart = System.nanoTime();
        List<String> cameraArgs = new ArrayList<>(List.of("--frames", Integer.toString(demo.frames()),
                "--seed", Long.toString(demo.seed())));
        if (demo.rate() > 0) {
            cameraArgs.addAll(List.of("--rate", Double.toString(demo.rate())));
        }
        ServiceProcess camera = services.startCamera("camera", images, cameraArgs);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(demo.timeoutSeconds());
        long stored = 0;
        long dead = 0;
        while (System.nanoTime() < deadline) {
            stored = Math.max(0, DemoReport.storedFrames(stack.database()));
            dead = deadLetters(stack.bootstrapServers());
            double elapsed = (System.nanoTime() - cameraStart) / 1e9;
            System.out.printf("[demo] %5.1f s  stored %d/%d frames  (%.2f frames/s)  dead letters %d%s%n", elapsed,
                    stored, demo.frames(), stored / elapsed, dead, camera.isAlive() ? "  camera publishing" : "");
            if (stored + dead >= demo.frames() && !camera.isAlive()) {
                break;
            }
            if (!camera.isAlive() && camera.waitFor(Duration.ZERO) != 0) {
                System.err.println("[demo] the camera failed:\n" + camera.logTail(30));
                break;
            }
            for (ServiceProcess s : services.services()) {
                if (s != camera && !s.isAlive()) {
                    System.err.println("[demo] " + s.name() + " exited:\n" + s.logTail(40));
                    return finish(demo, stack, services, hook, 1, root, home);
                }
            }
            Thread.sleep(2000);
        }
        double seconds = (System.nanoTime() - cameraStart) / 1e9;
        DemoReport report = DemoReport.read(stack.database(), CLASSES);
        printSummary(demo, report, dead, seconds, results, stack);
        boolean complete = report.frames() == demo.frames() && report.framesWithAllClasses() == demo.frames();
        if (!complete) {
            System.err.printf("[demo] FAILED: %d of %d frames stored (%d with all %d classes); logs in %s%n",
                    report.frames(), demo.frames(), report.framesWithAllClasses(), CLASSES, logs);
        }
        return finish(demo, stack, services, hook, complete ? 0 : 1, root, home);
    }

    private static int finish(DemoSettings demo, LocalStack stack, PipelineProcesses services, Thread hook,
            int code, Path root, Path home) throws Exception {
        if (demo.keep()) {
            services.services().stream().filter(s -> s.name().equals("camera"))
                    .forEach(s -> services.stop(s, Duration.ofSeconds(5)));
            String consoleUrl = startConsole(root, home, stack, services);
            System.out.println("\n[demo] --keep: the stack, workers, persister and console keep running. Ctrl-C stops them.");
            System.out.println("console  " + consoleUrl + "  (dashboard, frames, API at /api/v1, OpenAPI at /v3/api-docs)");
            System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + stack.bootstrapServers());
            System.out.println("DATABASE_URL=" + stack.database().urlWithCredentials());
            new CountDownLatch(1).await();
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        services.close();
        stack.close();
        return code;
    }

    /**
     * The console on the demo's data, logged in as its own read-only user, on 8083 when free; returns its URL once
     * it answers (or a note where its log is).
     */
    private static String startConsole(Path root, Path home, LocalStack stack, PipelineProcesses services)
            throws Exception {
        String password = ReaderLogin.ensure(stack.database(), LocalStackMain.CONSOLE_LOGIN);
        int port = portFree(8083) ? 8083 : ServiceProcess.freePort();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("DATABASE_URL", stack.database().url());
        env.put("AOI_CONSOLE_DB_USER", LocalStackMain.CONSOLE_LOGIN);
        env.put("AOI_CONSOLE_DB_PASSWORD", password);
        env.put("AOI_CONSOLE_FILE_ROOTS", home.resolve("images") + "," + home.resolve("results"));
        env.put("AOI_CONSOLE_HTTP_PORT", Integer.toString(port));
        env.put("AOI_CONSOLE_MANAGEMENT_PORT", Integer.toString(ServiceProcess.freePort()));
        // the demo's admin: no default password anywhere, so one is made for this run (docs/security.md)
        byte[] secret = new byte[12];
        new java.security.SecureRandom().nextBytes(secret);
        String adminPassword = java.util.HexFormat.of().formatHex(secret);
        env.put("AOI_CONSOLE_ADMIN_USER", "admin");
        env.put("AOI_CONSOLE_ADMIN_PASSWORD", adminPassword);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ServiceProcess console = ServiceProcess.start("console", ServiceProcess.moduleJar(root, "console"),
                List.of("-Xmx512m"), List.of(), env, home.resolve("logs").resolve("console.log"));
        services.adopt(console);
        String url = "http://127.0.0.1:" + port + "/";
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && console.isAlive()) {
            try {
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/v1/images?limit=1"))
                        .header("Authorization", basic).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return url + " (log in as admin, password " + adminPassword + ")";
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        return url + " (not answering yet: see " + console.log() + ")";
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void printSummary(DemoSettings demo, DemoReport r, long dead, double seconds, Path results,
            LocalStack stack) {
        System.out.println();
        System.out.println("================ AOI demo summary ================");
        System.out.printf("frames stored          %d of %d (%d with a row for each of the %d classes)%n", r.frames(),
                demo.frames(), r.framesWithAllClasses(), CLASSES);
        System.out.printf("throughput             %.2f frames/s end to end (%d worker(s), %.1f s)%n",
                r.frames() / seconds, demo.workers(), seconds);
        System.out.printf("capture → stored       p50 %.2f s, p99 %.2f s%n", r.latencyP50(), r.latencyP99());
        System.out.printf("dead letters           %d%n", dead);
        System.out.println("defects per class      regions   frames with it   area (px)");
        r.defectsPerClass().forEach((name, v) -> System.out.printf("  %-20s %8d   %14d   %9d%n", name, v[0], v[1], v[2]));
        System.out.println("result images          " + results);
        System.out.println("query the results      psql '" + stack.database().urlWithCredentials().replace("jdbc:", "")
                + "' (with --keep), e.g.");
        System.out.println("  SELECT class_name, sum(total_regions) FROM classes GROUP BY 1 ORDER BY 2 DESC;");
        System.out.println("==================================================");
    }

    static long deadLetters(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> q = Map.of(
                    new TopicPartition(Topics.DEFAULT_IMAGES + Topics.DLT_SUFFIX, 0), OffsetSpec.latest(),
                    new TopicPartition(Topics.DEFAULT_RESULTS + Topics.DLT_SUFFIX, 0), OffsetSpec.latest());
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(q).all().get(10, TimeUnit.SECONDS)
                    .values()) {
                sum += info.offset();
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }
}
