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
                if (!c.env().containsKey("SPRING_CONFIG_IMPORT")) {
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
            Set<Integer> listening = service.ports(c.env());
            c.ports().stream().filter(p -> !listening.contains(p)).forEach(p -> problems.add(c.where() + " uses port "
                    + p + ", but " + service.module + " listens on " + listening + " (server.port, management.server.port)"));
            c.probePaths().forEach((path, p) -> {
                if (p != port) {
                    problems.add(c.where() + " calls " + path + " on port " + p + ", but " + service.module + " listens on " + port);
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
