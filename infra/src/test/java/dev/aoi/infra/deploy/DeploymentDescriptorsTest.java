package dev.aoi.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aoi.infra.deploy.Descriptors.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What breaks deployments, checked against the services' own sources: a variable no service reads, an image the
 * build does not make, a port or probe path the service does not serve, autoscaling past the partition count.
 */
class DeploymentDescriptorsTest {

    /** Third-party images the descriptors may name: official images only. */
    static final Set<String> THIRD_PARTY = Set.of("apache/kafka", "postgres", "prom/prometheus", "grafana/grafana", "busybox");
    /** Variables every Spring Boot service or JVM reads without a line of ours. */
    static final Set<String> STANDARD_ENV = Set.of("SERVER_PORT", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");
    static final List<String> STANDARD_ENV_PREFIXES = List.of("SPRING_", "MANAGEMENT_", "LOGGING_LEVEL_");

    static Path root;
    static Descriptors descriptors;
    static Map<String, String> images;
    static Map<String, ServiceSources> services = new LinkedHashMap<>();
    static List<Container> containers = new ArrayList<>();

    @BeforeAll
    static void read() {
        root = Descriptors.repositoryRoot();
        descriptors = new Descriptors(root);
        images = Services.producedImages(root);
        for (String module : Services.MODULES) {
            services.put(module, ServiceSources.of(root, module));
        }
        containers.addAll(descriptors.composeContainers());
        containers.addAll(descriptors.kubernetesContainers());
    }

    private static ServiceSources serviceOf(Container c) {
        String module = images.get(c.shortName());
        return module == null ? null : services.get(module);
    }

    @Test
    void everyDescriptorParses() {
        Map<Path, List<Object>> yaml = descriptors.allYaml();
        assertThat(yaml.keySet()).extracting(p -> root.relativize(p).toString().replace('\\', '/'))
                .contains("infra/deploy/compose.yaml", "infra/deploy/compose.gpu.yaml", "infra/deploy/k8s/base/kustomization.yaml", "infra/deploy/k8s/gpu/kustomization.yaml",
                        "infra/deploy/prometheus/prometheus.yml");
        yaml.forEach((p, docs) -> assertThat(docs).as("%s has content", p).isNotEmpty());
        assertThat(containers).as("containers found in compose and k8s").hasSizeGreaterThan(8);
    }

    @Test
    void everyServiceHasItsConfiguration() {
        services.forEach((module, s) -> assertThat(s.settings)
                .as("%s/src/main/resources/application.yml (the descriptors are checked against it)", module).isNotEmpty());
    }

    @Test
    void everyImageIsOneTheBuildProducesOrAnOfficialThirdPartyImage() {
        assertThat(images.keySet()).contains("aoi-worker", "aoi-worker-gpu", "aoi-persister", "aoi-producer", "aoi-console");
        for (Container c : containers) {
            assertThat(c.image()).as("%s names an image", c.where()).isNotBlank();
            assertThat(images.containsKey(c.shortName()) || THIRD_PARTY.contains(c.imageName()))
                    .as("%s runs %s: neither built by infra/deploy/images/build-images.sh %s nor an allowed image %s",
                            c.where(), c.image(), images.keySet(), THIRD_PARTY)
                    .isTrue();
        }
    }

    @Test
    void everyVariableAServiceIsGivenIsOneItReads() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Container c : containers) {
            ServiceSources service = serviceOf(c);
            if (service == null) {
                continue;
            }
            ServiceSources.Bindable bindable = service.bindable();
            for (String name : c.env().keySet()) {
                boolean standard = STANDARD_ENV.contains(name) || STANDARD_ENV_PREFIXES.stream().anyMatch(name::startsWith);
                if (!standard && !bindable.accepts(name)) {
                    problems.add(c.where() + " sets " + name + ", which " + service.module + " never reads (not in its "
                            + "application.yml, its @ConfigurationProperties, System.getenv, nor a standard Spring/JVM variable)");
                }
                checked++;
            }
            for (String file : c.secretFiles()) {
                if (!file.startsWith("spring.") && !bindable.accepts(file)) {
                    problems.add(c.where() + " mounts the secret file /run/secrets/" + file + ", which names no setting of "
                            + service.module);
                }
                if (!c.oneShot() && !c.env().containsKey("SPRING_CONFIG_IMPORT")) { // commands read /run/secrets themselves
                    problems.add(c.where() + " mounts secrets but does not import the config tree (SPRING_CONFIG_IMPORT)");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(10);
    }

    @Test
    void everyPortIsTheOneTheServiceListensOn() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers) {
            ServiceSources service = serviceOf(c);
            if (service == null) {
                continue;
            }
            int port = service.httpPort(c.env());
            Set<Integer> ports = service.ports(c.env());
            c.ports().stream().filter(p -> !ports.contains(p)).forEach(p -> problems.add(c.where() + " uses port " + p
                    + ", but " + service.module + " listens on " + ports + " (server.port, management.server.port)"));
            c.probePaths().forEach((path, p) -> {
                if (p != port) {
                    problems.add(c.where() + " calls " + path + " on port " + p + ", but " + service.module
                            + "'s actuator listens on " + port);
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyProbeAndScrapeHitsAnActuatorPathTheServiceServes() {
        List<String> problems = new ArrayList<>();
        for (Container c : containers) {
            ServiceSources service = serviceOf(c);
            if (service == null) {
                continue;
            }
            Set<String> served = service.actuatorPaths();
            if (!c.probePaths().isEmpty() && !service.servesHttp()) {
                problems.add(c.where() + " probes or scrapes " + service.module + " over HTTP, but " + service.module
                        + "/pom.xml has no web server (add spring-boot-starter-webmvc)");
            }
            c.probePaths().keySet().forEach(path -> {
                if (!served.contains(path.replaceAll(" \\(.*", ""))) {
                    problems.add(c.where() + " calls " + path + "; " + service.module + " serves " + served
                            + " (management.* in its application.yml)");
                }
            });
        }
        for (Map<String, Object> deployment : descriptors.kind("Deployment")) {
            String text = deployment.toString();
            if (text.contains("image=aoi-") && !(text.contains("/actuator/health/liveness") && text.contains("/actuator/health/readiness"))) {
                problems.add("Deployment " + Descriptors.name(deployment) + " lacks a liveness or readiness probe");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void workersScaleOnTheLagOfTheirGroupUpToThePartitionCount() {
        ServiceSources worker = services.get("worker");
        String group = worker.setting("aoi.worker.group-id", constant("DEFAULT_WORKER_GROUP"));
        String topic = worker.setting("aoi.worker.images-topic", constant("DEFAULT_IMAGES"));
        int partitions = imagesPartitions();
        List<Map<String, Object>> scaled = descriptors.kind("ScaledObject");
        assertThat(scaled).hasSize(1);
        Map<String, Object> so = scaled.get(0);
        int max = ((Number) Descriptors.at(so, "spec", "maxReplicaCount")).intValue();
        assertThat(max).as("maxReplicaCount ≤ partitions of %s (%d): more workers would idle", topic, partitions)
                .isBetween(1, partitions);
        Map<String, Object> trigger = ((List<Map<String, Object>>) Descriptors.at(so, "spec", "triggers")).get(0);
        assertThat(trigger.get("type")).isEqualTo("kafka");
        Map<String, Object> meta = (Map<String, Object>) trigger.get("metadata");
        assertThat(meta).containsEntry("consumerGroup", group).containsEntry("topic", topic);
        String target = String.valueOf(Descriptors.at(so, "spec", "scaleTargetRef", "name"));
        assertThat(descriptors.kind("Deployment")).extracting(Descriptors::name).contains(target);
        assertThat(containers).filteredOn(c -> c.where().contains(target + "/") && c.shortName().startsWith("aoi-worker"))
                .as("the ScaledObject targets the worker Deployment").isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void gpuWorkersReserveOneGpuEach() {
        Map<String, Object> gpuWorker = descriptors.composeServices("compose.gpu.yaml").get("worker");
        List<Map<String, Object>> devices = (List<Map<String, Object>>) Descriptors.at(gpuWorker, "deploy", "resources",
                "reservations", "devices");
        assertThat(devices).singleElement().satisfies(d -> assertThat((List<String>) d.get("capabilities")).contains("gpu"));
        assertThat(String.valueOf(gpuWorker.get("image"))).contains("aoi-worker-gpu");
        boolean k8sGpu = descriptors.manifests().stream()
                .filter(e -> e.getKey().toString().contains("gpu"))
                .map(e -> e.getValue().toString())
                .anyMatch(s -> s.contains("limits={memory=6Gi, nvidia.com/gpu=1}") || s.contains("nvidia.com/gpu=1}"));
        assertThat(k8sGpu).as("k8s/gpu requests nvidia.com/gpu: 1").isTrue();
        assertThat(containers).filteredOn(c -> c.where().contains("gpu")).extracting(Container::shortName)
                .contains("aoi-worker-gpu");
    }

    @Test
    void noSecretIsWrittenIntoADescriptorOrAnImage() {
        Pattern secretish = Pattern.compile(
                "(?i)(password|token|secret)[\"']?[ \\t]*[:=][ \\t]*[\"']?(?!CHANGE-ME|\\$|/run/secrets|\\*)[A-Za-z0-9+/]{6,}");
        descriptors.allYaml().keySet().forEach(p -> {
            Matcher m = secretish.matcher(ServiceSources.read(p));
            assertThat(m.find()).as("%s looks like it holds a secret: %s", p, m.find(0) ? m.group() : "").isFalse();
        });
        for (String module : Services.MODULES) {
            String pom = ServiceSources.read(root.resolve(module).resolve("pom.xml"));
            assertThat(pom).as("%s/pom.xml sets no registry credentials", module).doesNotContain("<auth>", "<password>");
        }
    }

    // --- hardening (docs/security.md) ---------------------------------------------------------------------

    /** Services that run until stopped restart after a failure and say whether they are healthy. */
    @Test
    void composeServicesRestartOnFailureAndHaveHealthChecks() {
        List<String> problems = new ArrayList<>();
        descriptors.composeServices("compose.yaml").forEach((name, svc) -> {
            String restart = String.valueOf(svc.get("restart"));
            if (restart.equals("no")) {
                return; // a one-shot step (topics, volume, migrations): its dependents wait for it to complete
            }
            if (!Set.of("on-failure", "always", "unless-stopped").contains(restart)) {
                problems.add(name + " has restart: " + restart);
            }
            Object test = Descriptors.at(svc, "healthcheck", "test");
            if (!(test instanceof List<?> l) || l.isEmpty()) {
                problems.add(name + " has no healthcheck test");
            }
        });
        assertThat(problems).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> probe = (List<String>) Descriptors.at(descriptors.composeServices("compose.yaml").get("producer"),
                "healthcheck", "test");
        assertThat(probe).as("the images have no shell: a JVM probes the management port")
                .contains("dev.aoi.common.HealthProbe", "http://127.0.0.1:9080/actuator/health/readiness");
    }

    /** Published ports bind to loopback unless AOI_BIND says otherwise; actuator ports are never published. */
    @Test
    @SuppressWarnings("unchecked")
    void composePublishesOnlyTrafficPortsAndOnLoopbackByDefault() {
        List<String> problems = new ArrayList<>();
        descriptors.composeServices("compose.yaml").forEach((name, svc) -> {
            for (Object p : (List<Object>) svc.getOrDefault("ports", List.of())) {
                String spec = Descriptors.interpolate(String.valueOf(p));
                if (!spec.startsWith("127.0.0.1:")) {
                    problems.add(name + " publishes " + p + " on every interface by default");
                }
                ServiceSources service = services.get(images.get(containerOf(name).shortName()));
                int target = Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1));
                if (service != null && target == service.httpPort(Map.of()) && target != service.serverPort(Map.of())) {
                    problems.add(name + " publishes its management port " + target);
                }
            }
        });
        assertThat(problems).isEmpty();
        assertThat(descriptors.composeServices("compose.yaml")).allSatisfy((name, svc) -> {
            if (List.of("worker", "persister").contains(name)) {
                assertThat(svc).as("%s serves only its actuator: nothing published", name).doesNotContainKey("ports");
            }
        });
    }

    private static Container containerOf(String composeService) {
        return containers.stream().filter(c -> c.where().equals("compose.yaml service " + composeService)).findFirst()
                .orElseThrow();
    }

    /** The script's secret files are readable by their owner and group, never by everyone. */
    @Test
    void devSecretFilesAreNotWorldReadable() throws Exception {
        Path work = java.nio.file.Files.createTempDirectory("aoi-secrets");
        Path dir = java.nio.file.Files.createDirectories(work.resolve("secrets"));
        java.nio.file.Files.copy(root.resolve("infra/deploy/secrets/make-dev-secrets.sh"), dir.resolve("make-dev-secrets.sh"));
        Process run = new ProcessBuilder("bash", dir.resolve("make-dev-secrets.sh").toString()).redirectErrorStream(true)
                .start();
        String out = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(out).isZero();
        List<String> secretFiles = List.of("db_password", "DATABASE_URL", "persister_db_password",
                "persister_database_url", "reader_db_password", "ingest_token", "grafana_admin_password",
                "console_db_password");
        Map<String, Object> composeSecrets = descriptors.composeTopLevel("secrets");
        for (Object secret : composeSecrets.values()) {
            String file = String.valueOf(((Map<?, ?>) secret).get("file")).replace("./secrets/", "");
            assertThat(secretFiles).as("compose's secret %s is written by the script", file).contains(file);
        }
        for (String f : secretFiles) {
            Set<java.nio.file.attribute.PosixFilePermission> perms = java.nio.file.Files.getPosixFilePermissions(dir.resolve(f));
            assertThat(perms).as(f).doesNotContain(java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE,
                    java.nio.file.attribute.PosixFilePermission.GROUP_WRITE);
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("ingest_token")).strip()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(java.nio.file.Files.readString(dir.resolve("persister_database_url"))).startsWith("postgresql://aoi_persister_user:");
        assertThat(java.nio.file.Files.readString(work.resolve(".env"))).contains("AOI_SECRETS_GID=");
    }

    /** Pods and Jobs: RuntimeDefault seccomp, no service-account token, non-root, no privilege, read-only root. */
    @Test
    @SuppressWarnings("unchecked")
    void kubernetesPodsAndJobsShareOneSecurityContext() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map<String, Object> workload : descriptors.manifests().stream().map(Map.Entry::getValue)
                .filter(d -> List.of("Deployment", "Job").contains(d.get("kind"))).toList()) {
            Map<String, Object> pod = (Map<String, Object>) Descriptors.at(workload, "spec", "template", "spec");
            if (pod == null || ("Deployment".equals(workload.get("kind")) && Descriptors.at(workload, "spec", "selector") == null)) {
                continue; // a patch (k8s/gpu) of a workload checked in full here
            }
            String name = workload.get("kind") + " " + Descriptors.name(workload);
            checked++;
            if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
                problems.add(name + " mounts a service account token");
            }
            if (!"RuntimeDefault".equals(Descriptors.at(pod, "securityContext", "seccompProfile", "type"))) {
                problems.add(name + " has no RuntimeDefault seccomp profile");
            }
            if (!Boolean.TRUE.equals(Descriptors.at(pod, "securityContext", "runAsNonRoot"))) {
                problems.add(name + " may run as root");
            }
            List<Map<String, Object>> all = new ArrayList<>((List<Map<String, Object>>) pod.get("containers"));
            all.addAll((List<Map<String, Object>>) pod.getOrDefault("initContainers", List.of()));
            for (Map<String, Object> c : all) {
                String where = name + "/" + c.get("name");
                if (!Boolean.FALSE.equals(Descriptors.at(c, "securityContext", "allowPrivilegeEscalation"))) {
                    problems.add(where + " allows privilege escalation");
                }
                if (!Boolean.TRUE.equals(Descriptors.at(c, "securityContext", "readOnlyRootFilesystem"))) {
                    problems.add(where + " has a writable root file system");
                }
                if (!List.of("ALL").equals(Descriptors.at(c, "securityContext", "capabilities", "drop"))) {
                    problems.add(where + " keeps Linux capabilities");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("Deployments and Jobs checked").isGreaterThanOrEqualTo(5);
    }

    /** The producer's Service carries the ingest only; its actuator is reached on the pod by probes and Prometheus. */
    @Test
    @SuppressWarnings("unchecked")
    void managementPortsStayOutOfTheIngestService() {
        ServiceSources producer = services.get("producer");
        int management = producer.httpPort(Map.of());
        assertThat(management).as("the producer's actuator has a port of its own").isNotEqualTo(producer.serverPort(Map.of()));
        Map<String, Object> service = descriptors.kind("Service").stream()
                .filter(s -> Descriptors.name(s).equals("aoi-producer")).findFirst().orElseThrow();
        List<Map<String, Object>> ports = (List<Map<String, Object>>) Descriptors.at(service, "spec", "ports");
        assertThat(ports).extracting(p -> ((Number) p.get("port")).intValue()).containsExactly(producer.serverPort(Map.of()));
        Map<String, Object> deployment = descriptors.kind("Deployment").stream()
                .filter(d -> Descriptors.name(d).equals("aoi-producer")).findFirst().orElseThrow();
        assertThat(String.valueOf(Descriptors.at(deployment, "spec", "template", "metadata", "annotations",
                "prometheus.io/port"))).isEqualTo(String.valueOf(management));
        services.forEach((module, s) -> assertThat(s.settings.get("management.endpoint.health.show-details"))
                .as("%s shows health details only when authorised", module).isEqualTo("when-authorized"));
    }

    /** Results up to the worker's limit fit the topics wherever they are created. */
    @Test
    void theResultTopicsAcceptTheLargestResultWhereverTheyAreCreated() {
        Matcher limit = Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\) int maxResultBytes").matcher(
                ServiceSources.read(root.resolve("worker/src/main/java/dev/aoi/worker/WorkerProperties.java")));
        assertThat(limit.find()).isTrue();
        long needed = Long.parseLong(limit.group(1)) + 64 * 1024;
        String compose = ServiceSources.read(root.resolve("infra/deploy/compose.yaml"));
        Matcher composeLimit = Pattern.compile("RESULT_MAX_MESSAGE_BYTES: \"(\\d+)\"").matcher(compose);
        assertThat(composeLimit.find()).isTrue();
        assertThat(Long.parseLong(composeLimit.group(1))).isGreaterThanOrEqualTo(needed);
        assertThat(compose).contains("t aoi.results \"$$RESULTS_PARTITIONS\" \"$$RESULTS_RETENTION_MS\" \"$$RESULT_MAX_MESSAGE_BYTES\"")
                .contains("t aoi.results.DLT 3 \"$$RESULTS_RETENTION_MS\" \"$$RESULT_MAX_MESSAGE_BYTES\"")
                .contains("--config max.message.bytes=");
        String job = ServiceSources.read(root.resolve("infra/deploy/k8s/base/topics-job.yaml"));
        for (String topic : List.of("aoi.results", "aoi.results.DLT")) {
            Matcher m = Pattern.compile("t " + Pattern.quote(topic) + " \\d+ \\d+ (\\d+)").matcher(job);
            assertThat(m.find()).as("k8s creates %s with a max.message.bytes", topic).isTrue();
            assertThat(Long.parseLong(m.group(1))).as(topic).isGreaterThanOrEqualTo(needed);
        }
        assertThat(job).contains("--config max.message.bytes=");
        assertThat(services.get("persister").settings.get("spring.kafka.producer.properties.max.request.size"))
                .as("the persister's dead letters carry results").hasToString(Long.toString(needed));
    }

    /** The worker's JVM limits (image, compose, Kubernetes) fit its container and make a budget that works. */
    @Test
    @SuppressWarnings("unchecked")
    void theWorkersJvmLimitsFitItsContainer() {
        Map<String, Object> worker = descriptors.kind("Deployment").stream()
                .filter(d -> Descriptors.name(d).equals("aoi-worker") && Descriptors.at(d, "spec", "selector") != null)
                .findFirst().orElseThrow();
        Map<String, Object> container = ((List<Map<String, Object>>) Descriptors.at(worker, "spec", "template", "spec",
                "containers")).get(0);
        long limit = bytes(String.valueOf(Descriptors.at(container, "resources", "limits", "memory")));
        String options = containers.stream().filter(c -> c.where().contains("worker.yaml aoi-worker/worker"))
                .findFirst().orElseThrow().env().get("JAVA_TOOL_OPTIONS");
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        Matcher direct = Pattern.compile("-XX:MaxDirectMemorySize=(\\d+[kmgKMG]?)").matcher(options);
        assertThat(percent.find() && direct.find()).as(options).isTrue();
        long heap = limit * Integer.parseInt(percent.group(1)) / 100;
        long directBytes = bytes(direct.group(1));
        assertThat(heap + directBytes).as("heap + direct leave a third of %s to native memory", limit)
                .isLessThanOrEqualTo(limit * 2 / 3);
        long budget = heap + directBytes - (256L << 20);
        assertThat(budget).as("four 1792x1792 frames fit the derived budget").isGreaterThan(4L * 1792 * 1792 * 64);
        assertThat(budget).as("the 8000x8000 frame does not").isLessThan(8000L * 8000 * 64);
        String pom = ServiceSources.read(root.resolve("worker/pom.xml"));
        assertThat(pom).as("the image's entrypoint (which JAVA_TOOL_OPTIONS cannot override) says the same")
                .contains("<arg>-XX:MaxRAMPercentage=" + percent.group(1) + "</arg>")
                .contains("<arg>-XX:MaxDirectMemorySize=" + direct.group(1) + "</arg>");
        Container composeWorker = containerOf("worker");
        assertThat(composeWorker.env().get("JAVA_TOOL_OPTIONS")).isEqualTo(options);
        assertThat(String.valueOf(descriptors.composeServices("compose.yaml").get("worker").get("mem_limit"))).contains("3g");
        for (Container c : containers) {
            if (c.shortName().startsWith("aoi-worker") && !c.where().contains("gpu")) { // overlays merge their env
                assertThat(c.env().get("AOI_WORKER_CRASH_GUARD_DIR")).as("%s marks frames on the shared volume", c.where())
                        .startsWith("/data/");
            }
        }
        assertThat(services.get("worker").settings.get("management.endpoint.health.group.readiness.include"))
                .as("a full result disk makes the worker not ready").asString().contains("diskSpace").contains("resultsTopic");
    }

    private static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG]i?)?").matcher(size.trim());
        assertThat(m.matches()).as(size).isTrue();
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2).substring(0, 1).toLowerCase();
        return switch (unit) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
    }

    /** The migrator runs the migrations; the persister writes as a DML-only login; Grafana reads as the reader. */
    @Test
    @SuppressWarnings("unchecked")
    void servicesConnectAsLeastPrivilegeLogins() {
        Map<String, Map<String, Object>> compose = descriptors.composeServices("compose.yaml");
        assertThat((List<String>) compose.get("db-migrate").get("command")).containsExactly("db", "migrate");
        assertThat((List<String>) compose.get("db-users").get("command")).containsExactly("db", "users");
        assertThat(containerOf("persister").env()).containsEntry("AOI_PERSISTER_MIGRATE_ON_START", "false");
        assertThat(compose.get("persister").get("secrets").toString()).contains("source=persister_database_url")
                .contains("target=DATABASE_URL");
        assertThat(containers.stream().filter(c -> c.where().contains("persister.yaml aoi-persister/persister")))
                .allSatisfy(c -> assertThat(c.env()).containsEntry("AOI_PERSISTER_MIGRATE_ON_START", "false"));
        String job = descriptors.kind("Job").stream().filter(j -> Descriptors.name(j).equals("aoi-db-migrate"))
                .findFirst().orElseThrow().toString();
        assertThat(job).contains("args=[db, migrate]").contains("args=[db, users]").contains("key=MIGRATOR_DATABASE_URL")
                .contains("key=AOI_DB_PERSISTER_PASSWORD").contains("key=AOI_DB_READER_PASSWORD");
        String grafana = ServiceSources.read(root.resolve("infra/deploy/grafana/provisioning/datasources/aoi.yaml"));
        assertThat(grafana).contains("user: aoi_reader_user").contains("/run/secrets/AOI_DB_READER_PASSWORD")
                .doesNotContain("user: aoi\n").doesNotContain("db_password");
        assertThat(compose.get("grafana").get("secrets").toString()).doesNotContain("db_password");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleIsOnLoopbackOnlyAndReadsAsItsOwnReadOnlyLogin() {
        Map<String, Object> console = descriptors.composeServices("compose.yaml").get("console");
        assertThat((List<Object>) console.get("ports")).as("compose publishes the console (no authentication yet)")
                .allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
        List<Container> consoles = containers.stream().filter(c -> c.shortName().equals("aoi-console")).toList();
        assertThat(consoles).as("the console in compose and Kubernetes").hasSize(2);
        for (Container c : consoles) {
            assertThat(c.env().get("DATABASE_URL")).as("%s: host and database only, never the owner's URL", c.where())
                    .doesNotContain("@");
            assertThat(c.env()).as(c.where()).containsEntry("AOI_CONSOLE_DB_USER", "aoi_console_user");
            assertThat(c.secretFiles()).as(c.where()).containsExactly("AOI_CONSOLE_DB_PASSWORD");
        }
        assertThat(descriptors.kind("Ingress")).as("no Ingress before the console has authentication").isEmpty();
        assertThat(descriptors.kind("Service")).filteredOn(s -> "aoi-console".equals(Descriptors.name(s)))
                .singleElement().satisfies(s -> assertThat(Descriptors.at(s, "spec", "type")).isEqualTo("ClusterIP"));
    }

    private static int imagesPartitions() {
        String compose = ServiceSources.read(root.resolve("infra/deploy/compose.yaml"));
        Matcher m = Pattern.compile("IMAGES_PARTITIONS:-(\\d+)").matcher(compose);
        assertThat(m.find()).as("compose.yaml sets the partitions of aoi.images").isTrue();
        int compose_ = Integer.parseInt(m.group(1));
        Matcher job = Pattern.compile("t aoi\\.images (\\d+)").matcher(ServiceSources.read(root.resolve("infra/deploy/k8s/base/topics-job.yaml")));
        assertThat(job.find()).isTrue();
        assertThat(Integer.parseInt(job.group(1))).as("same partitions in compose and k8s").isEqualTo(compose_);
        return compose_;
    }

    private static String constant(String name) {
        Matcher m = Pattern.compile(name + "\\s*=\\s*\"([^\"]+)\"")
                .matcher(ServiceSources.read(root.resolve("common/src/main/java/dev/aoi/common/Topics.java")));
        assertThat(m.find()).as("Topics.%s", name).isTrue();
        return m.group(1);
    }
}
