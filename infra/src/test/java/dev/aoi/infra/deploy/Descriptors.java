package dev.aoi.infra.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The deployment descriptors under infra/deploy, read as YAML: the containers that compose and the Kubernetes
 * manifests run, each with its image, environment, ports, probe paths and config-tree secret files.
 */
final class Descriptors {

    /** Where a repository-relative path lies; the tests run in infra/, the repository is its parent. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("infra/deploy")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run from inside the repository: no parent of "
                    + Path.of("").toAbsolutePath() + " holds mvnw and infra/deploy");
        }
        return dir;
    }

    /**
     * One container as deployed.
     *
     * @param where        file and service/workload name, for messages
     * @param image        the image reference as written (interpolation defaults applied)
     * @param env          variables set on it (from env, environment and envFrom ConfigMaps)
     * @param ports        container ports it declares or is reached on
     * @param probePaths   HTTP paths probed or scraped, with the port they are called on
     * @param secretFiles  names of the files mounted under /run/secrets (read through Spring's config tree)
     * @param oneShot      a command that runs once (a Job, a compose service with restart "no"), not the service
     */
    record Container(String where, String image, Map<String, String> env, List<Integer> ports,
            Map<String, Integer> probePaths, List<String> secretFiles, boolean oneShot) {

        /** Repository name without registry, namespace prefix or tag: {@code registry/aoi/aoi-worker:1} → aoi-worker. */
        String imageName() {
            String noTag = image.replaceAll("@.*", "").replaceAll(":[^/:]*$", "");
            return noTag;
        }

        String shortName() {
            String n = imageName();
            return n.substring(n.lastIndexOf('/') + 1);
        }
    }

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?[-?]([^}]*))?}");

    final Path root;
    final Path deploy;

    Descriptors(Path root) {
        this.root = root;
        this.deploy = root.resolve("infra/deploy");
    }

    /** Every YAML document under infra/deploy (compose files, Kubernetes manifests, provisioning). */
    Map<Path, List<Object>> allYaml() {
        Map<Path, List<Object>> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(deploy)) {
            for (Path p : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
                List<Object> docs = new ArrayList<>();
                ServiceSources.yaml().loadAll(ServiceSources.read(p)).forEach(d -> {
                    if (d != null) {
                        docs.add(d);
                    }
                });
                out.put(p, docs);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---------------------------------------------------------------- compose

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> composeServices(String file) {
        Map<String, Object> doc = (Map<String, Object>) ServiceSources.yaml().load(ServiceSources.read(deploy.resolve(file)));
        return (Map<String, Map<String, Object>>) (Map<?, ?>) doc.getOrDefault("services", Map.of());
    }

    /** A top-level section of compose.yaml (secrets, volumes). */
    @SuppressWarnings("unchecked")
    Map<String, Object> composeTopLevel(String key) {
        Map<String, Object> doc = (Map<String, Object>) ServiceSources.yaml().load(ServiceSources.read(deploy.resolve("compose.yaml")));
        return (Map<String, Object>) doc.getOrDefault(key, Map.of());
    }

    List<Container> composeContainers() {
        Map<String, Map<String, Object>> base = composeServices("compose.yaml");
        List<Container> out = new ArrayList<>();
        for (String file : List.of("compose.yaml", "compose.gpu.yaml")) {
            for (Map.Entry<String, Map<String, Object>> e : composeServices(file).entrySet()) {
                Map<String, Object> svc = new LinkedHashMap<>(base.getOrDefault(e.getKey(), Map.of()));
                svc.putAll(e.getValue());
                out.add(composeContainer(file + " service " + e.getKey(), e.getKey(), svc));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Container composeContainer(String where, String name, Map<String, Object> svc) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = svc.get("environment");
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        } else if (environment instanceof List<?> l) {
            for (Object item : l) {
                String[] kv = String.valueOf(item).split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (Object p : (List<Object>) svc.getOrDefault("expose", List.of())) {
            ports.add(Integer.parseInt(interpolate(String.valueOf(p)).replaceAll("/.*", "")));
        }
        for (Object p : (List<Object>) svc.getOrDefault("ports", List.of())) {
            String spec = interpolate(String.valueOf(p)).replaceAll("/.*", "");
            ports.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
        }
        List<String> secrets = new ArrayList<>();
        for (Object s : (List<Object>) svc.getOrDefault("secrets", List.of())) {
            if (s instanceof Map<?, ?> m) {
                Object target = m.get("target");
                secrets.add(String.valueOf(target != null ? target : m.get("source")));
            } else {
                secrets.add(String.valueOf(s));
            }
        }
        Map<String, Integer> scraped = new LinkedHashMap<>();
        for (Map.Entry<String, Map.Entry<String, Integer>> scrape : prometheusScrapes()) {
            if (scrape.getValue().getKey().equals(name)) {
                scraped.put(scrape.getKey() + " (prometheus)", scrape.getValue().getValue());
            }
        }
        return new Container(where, interpolate(String.valueOf(svc.getOrDefault("image", ""))), env, ports, scraped, secrets,
                "no".equals(String.valueOf(svc.get("restart"))));
    }

    /** Prometheus scrape targets in compose: metrics path → (service name, port). */
    @SuppressWarnings("unchecked")
    List<Map.Entry<String, Map.Entry<String, Integer>>> prometheusScrapes() {
        Map<String, Object> cfg = (Map<String, Object>) ServiceSources.yaml()
                .load(ServiceSources.read(deploy.resolve("prometheus/prometheus.yml")));
        List<Map.Entry<String, Map.Entry<String, Integer>>> out = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) cfg.get("scrape_configs")) {
            String path = String.valueOf(job.getOrDefault("metrics_path", "/metrics"));
            for (Map<String, Object> dns : (List<Map<String, Object>>) job.getOrDefault("dns_sd_configs", List.of())) {
                for (Object n : (List<Object>) dns.get("names")) {
                    out.add(Map.entry(path, Map.entry(String.valueOf(n), ((Number) dns.get("port")).intValue())));
                }
            }
            for (Map<String, Object> st : (List<Map<String, Object>>) job.getOrDefault("static_configs", List.of())) {
                for (Object t : (List<Object>) st.get("targets")) {
                    String[] hp = String.valueOf(t).split(":");
                    out.add(Map.entry(path, Map.entry(hp[0], Integer.parseInt(hp[1]))));
                }
            }
        }
        return out;
    }

    /** ${VAR:-default} → default, ${VAR} → "" (what compose does with an empty environment). */
    static String interpolate(String s) {
        Matcher m = INTERPOLATION.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    // ---------------------------------------------------------------- Kubernetes

    /** Every manifest document under k8s/ with its file. */
    @SuppressWarnings("unchecked")
    List<Map.Entry<Path, Map<String, Object>>> manifests() {
        List<Map.Entry<Path, Map<String, Object>>> out = new ArrayList<>();
        allYaml().forEach((p, docs) -> {
            if (p.startsWith(deploy.resolve("k8s"))) {
                docs.forEach(d -> out.add(Map.entry(p, (Map<String, Object>) d)));
            }
        });
        return out;
    }

    List<Map<String, Object>> kind(String kind) {
        return manifests().stream().map(Map.Entry::getValue).filter(d -> kind.equals(d.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    List<Container> kubernetesContainers() {
        Map<String, String> configMaps = new LinkedHashMap<>();
        Map<String, Map<String, Object>> cmData = new LinkedHashMap<>();
        for (Map<String, Object> cm : kind("ConfigMap")) {
            cmData.put(name(cm), (Map<String, Object>) cm.getOrDefault("data", Map.of()));
        }
        Map<String, String> imageRewrites = kustomizeImages();
        Map<String, String> baseImages = new LinkedHashMap<>();
        List<Container> out = new ArrayList<>();
        List<Map.Entry<Path, Map<String, Object>>> workloads = manifests().stream()
                .filter(e -> List.of("Deployment", "StatefulSet", "DaemonSet", "Job").contains(e.getValue().get("kind")))
                .toList();
        for (int pass = 0; pass < 2; pass++) {   // patches (no image) take the image of the workload they patch
            for (Map.Entry<Path, Map<String, Object>> e : workloads) {
                Map<String, Object> spec = (Map<String, Object>) at(e.getValue(), "spec", "template", "spec");
                if (spec == null) {
                    continue;
                }
                List<Map<String, Object>> all = new ArrayList<>((List<Map<String, Object>>) spec.getOrDefault("containers", List.of()));
                all.addAll((List<Map<String, Object>>) spec.getOrDefault("initContainers", List.of()));
                boolean job = "Job".equals(e.getValue().get("kind"));
                for (Map<String, Object> c : all) {
                    String key = name(e.getValue()) + "/" + c.get("name");
                    Object image = c.get("image");
                    if (pass == 0) {
                        if (image != null) {
                            baseImages.putIfAbsent(key, String.valueOf(image));
                        }
                        continue;
                    }
                    String img = image != null ? String.valueOf(image) : baseImages.getOrDefault(key, "");
                    img = imageRewrites.getOrDefault(e.getKey().getParent().toString() + "|" + img, img);
                    out.add(kubernetesContainer(root.relativize(e.getKey()) + " " + key, img, c, spec, cmData, job));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Container kubernetesContainer(String where, String image, Map<String, Object> c, Map<String, Object> podSpec,
            Map<String, Map<String, Object>> configMaps, boolean oneShot) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : (List<Map<String, Object>>) c.getOrDefault("envFrom", List.of())) {
            Map<String, Object> ref = (Map<String, Object>) from.get("configMapRef");
            if (ref != null) {
                Map<String, Object> data = configMaps.get(String.valueOf(ref.get("name")));
                if (data == null) {
                    throw new AssertionError(where + ": envFrom names ConfigMap " + ref.get("name") + ", which no manifest defines");
                }
                data.forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Map<String, Object> e : (List<Map<String, Object>>) c.getOrDefault("env", List.of())) {
            env.put(String.valueOf(e.get("name")), String.valueOf(e.getOrDefault("value", "")));
        }
        Map<String, Integer> named = new LinkedHashMap<>();
        List<Integer> ports = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) c.getOrDefault("ports", List.of())) {
            int port = ((Number) p.get("containerPort")).intValue();
            ports.add(port);
            if (p.get("name") != null) {
                named.put(String.valueOf(p.get("name")), port);
            }
        }
        Map<String, Integer> probes = new LinkedHashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = (Map<String, Object>) at(c, probe, "httpGet");
            if (get != null) {
                Object port = get.get("port");
                Integer resolved = port instanceof Number n ? Integer.valueOf(n.intValue()) : named.get(String.valueOf(port));
                if (resolved == null) {
                    throw new AssertionError(where + ": " + probe + " names port " + port + ", which the container does not declare");
                }
                probes.put(get.get("path") + " (" + probe + ")", resolved);
            }
        }
        List<String> secretFiles = new ArrayList<>();
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) podSpec.getOrDefault("volumes", List.of())) {
            volumes.put(String.valueOf(v.get("name")), v);
        }
        for (Map<String, Object> m : (List<Map<String, Object>>) c.getOrDefault("volumeMounts", List.of())) {
            if ("/run/secrets".equals(m.get("mountPath"))) {
                Map<String, Object> secret = (Map<String, Object>) at(volumes.getOrDefault(String.valueOf(m.get("name")), Map.of()), "secret");
                if (secret != null) {
                    for (Map<String, Object> item : (List<Map<String, Object>>) secret.getOrDefault("items", List.of())) {
                        secretFiles.add(String.valueOf(item.get("path")));
                    }
                }
            }
        }
        return new Container(where, image, env, ports, probes, secretFiles, oneShot);
    }

    /** kustomization images: per directory, name → newName:newTag. */
    @SuppressWarnings("unchecked")
    private Map<String, String> kustomizeImages() {
        Map<String, String> out = new LinkedHashMap<>();
        allYaml().forEach((p, docs) -> {
            if (p.getFileName().toString().equals("kustomization.yaml")) {
                for (Object d : docs) {
                    for (Map<String, Object> img : (List<Map<String, Object>>) ((Map<String, Object>) d).getOrDefault("images", List.of())) {
                        String name = String.valueOf(img.get("name"));
                        String newName = String.valueOf(img.getOrDefault("newName", name));
                        String tag = img.get("newTag") == null ? "" : ":" + img.get("newTag");
                        out.put(p.getParent().toString() + "|" + name, newName + tag);
                    }
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> doc, String... path) {
        Object node = doc;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = ((Map<String, Object>) m).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> doc) {
        return String.valueOf(((Map<String, Object>) doc.getOrDefault("metadata", Map.of())).get("name"));
    }
}
