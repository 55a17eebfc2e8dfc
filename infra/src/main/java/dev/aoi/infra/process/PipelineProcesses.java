package dev.aoi.infra.process;

import dev.aoi.common.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * The pipeline's services started as processes from their runnable jars, the one way the demo, the decoupling
 * bench and the end-to-end tests do it: persisters, workers and the synthetic camera on one broker and one set of
 * topics and groups, each in its own JVM with its log under one folder; waiting until they have joined their
 * consumer groups; and stopping all of them on {@link #close()}.
 */
public final class PipelineProcesses implements AutoCloseable {

    private final Path root;
    private final String bootstrapServers;
    private final Topics topics;
    private final List<String> jvmOptions;
    private final Path logs;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Map<String, Path> jars = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param root the repository root, where each module's runnable jar is built
     * @param jvmOptions options of every child JVM (heap, GC, stack size)
     * @param logs where each service writes {@code <name>.log}
     */
    public PipelineProcesses(Path root, String bootstrapServers, Topics topics, List<String> jvmOptions, Path logs) {
        this.root = root;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logs = logs;
    }

    /** Starts {@code module}'s services from {@code jar} instead of the one built in this tree (before/after runs). */
    public PipelineProcesses withJar(String module, Path jar) {
        jars.put(module, jar.toAbsolutePath());
        return this;
    }

    /** Takes {@code service}, started elsewhere, into the set that {@link #close()} stops. */
    public ServiceProcess adopt(ServiceProcess service) {
        services.add(service);
        return service;
    }

    /** The services started and not removed, in start order. */
    public List<ServiceProcess> services() {
        return services;
    }

    /**
     * A persister storing into {@code databaseUrl}; {@code extra} adds or overrides environment variables (e.g. its
     * HTTP port, which is otherwise any free one).
     */
    public ServiceProcess startPersister(String name, String databaseUrl, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "DATABASE_URL", databaseUrl,
                "AOI_PERSISTER_RESULTS_TOPIC", topics.results(),
                "AOI_PERSISTER_GROUP_ID", topics.persisterGroup(),
                "AOI_PERSISTER_HTTP_PORT", "0"));
        env.putAll(extra);
        return start(name, "persister", List.of(), env);
    }

    /**
     * A worker with {@code model}, reading frames under {@code imageRoot} and writing result images under
     * {@code outputRoot}; its worker id is {@code name}; {@code extra} adds or overrides environment variables.
     */
    public ServiceProcess startWorker(String name, Path model, Path imageRoot, Path outputRoot,
            Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AOI_WORKER_MODEL", model.toString(),
                "AOI_WORKER_ALLOWED_ROOTS", imageRoot.toString(),
                "AOI_WORKER_OUTPUT_ROOT", outputRoot.toString(),
                "AOI_WORKER_WORKER_ID", name,
                "AOI_WORKER_IMAGES_TOPIC", topics.images(),
                "AOI_WORKER_RESULTS_TOPIC", topics.results(),
                "AOI_WORKER_GROUP_ID", topics.workerGroup(),
                "AOI_WORKER_HTTP_PORT", "0"));
        env.putAll(extra);
        return start(name, "worker", List.of(), env);
    }

    /** The synthetic camera ({@code ./aoi simulate --publish}) publishing to the images topic; {@code args} add to it. */
    public ServiceProcess startCamera(String name, Path imageRoot, List<String> args) {
        List<String> all = new ArrayList<>(List.of("simulate", "--publish", "--image-root", imageRoot.toString(),
                "--bootstrap-servers", bootstrapServers, "--topic", topics.images()));
        all.addAll(args);
        return start(name, "producer", all, Map.of());
    }

    /** Stops {@code service} and forgets it. */
    public void stop(ServiceProcess service, Duration grace) {
        service.stop(grace);
        services.remove(service);
    }

    /**
     * Waits until {@code workers} workers and {@code persisters} persisters are members of their groups; throws with
     * the log of any service that exited meanwhile, or when {@code timeout} passes.
     */
    public void awaitMembers(int workers, int persisters, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (System.nanoTime() < deadline) {
                requireAlive();
                if (members(admin, topics.workerGroup()) >= workers
                        && members(admin, topics.persisterGroup()) >= persisters) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the services did not join their consumer groups (" + workers + " worker(s) in "
                + topics.workerGroup() + ", " + persisters + " persister(s) in " + topics.persisterGroup()
                + ") within " + timeout + "\n" + logTails(30));
    }

    /** Throws with its log when a started service has exited. */
    public void requireAlive() {
        for (ServiceProcess s : services) {
            if (!s.isAlive()) {
                throw new IllegalStateException(s.name() + " exited:\n" + s.logTail(40));
            }
        }
    }

    /** The last {@code lines} of every service's log, each under its name. */
    public String logTails(int lines) {
        StringBuilder all = new StringBuilder();
        for (ServiceProcess s : services) {
            all.append("\n--- ").append(s.name()).append(s.isAlive() ? "" : " (exited)").append(" ---\n")
                    .append(s.logTail(lines));
        }
        return all.toString();
    }

    /** Stops every service: SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        for (ServiceProcess s : services) {
            s.stop(Duration.ofSeconds(30));
        }
        services.clear();
    }

    private ServiceProcess start(String name, String module, List<String> args, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        all.putIfAbsent("SERVER_PORT", "0");
        ServiceProcess process = ServiceProcess.start(name,
                jars.getOrDefault(module, ServiceProcess.moduleJar(root, module)), jvmOptions, args,
                all, logs.resolve(name + ".log"));
        services.add(process);
        return process;
    }

    private static int members(Admin admin, String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all()
                    .get(10, TimeUnit.SECONDS).get(group);
            return d.members().size();
        } catch (Exception e) {
            return 0; // the group appears once a member has joined
        }
    }
}
