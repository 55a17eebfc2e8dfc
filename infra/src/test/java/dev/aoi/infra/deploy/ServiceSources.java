package dev.aoi.infra.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What one service reads and exports, taken from its sources in the repository (never from a list kept here): the
 * settings in its application.yml, the {@code ${VAR}} placeholders there, its {@code @ConfigurationProperties}
 * records, the variables it reads with {@code System.getenv}, its Micrometer meters, its HTTP port and health groups.
 */
final class ServiceSources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");
    private static final Pattern PROPS_PREFIX =
            Pattern.compile("@ConfigurationProperties\\(\\s*(?:(?:prefix|value)\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");
    private static final Pattern GETENV = Pattern.compile("getenv\\(\\)\\.getOrDefault\\(\\s*\"([A-Z0-9_]+)\"|getenv\\(\\s*\"([A-Z0-9_]+)\"\\s*\\)");
    /** Names a command reads from the environment or a secret file through a constant (e.g. DbUsersCommand). */
    private static final Pattern ENV_CONSTANT = Pattern.compile(
            "static final String [A-Z_]+ = \"((?:AOI|DATABASE)_[A-Z0-9_]+)\";");
    private static final Pattern METER = Pattern.compile(
            "\\b(Counter|Timer|DistributionSummary|Gauge|FunctionCounter|FunctionTimer|TimeGauge|LongTaskTimer)"
                    + "\\.builder\\(\\s*(\"([^\"]+)\"|([A-Za-z_][\\w.]*))");
    private static final Pattern REGISTRY_METER = Pattern.compile(
            "\\.(counter|timer|summary|gauge|more\\(\\)\\.counter|more\\(\\)\\.timer)\\(\\s*\"([^\"]+)\"");
    private static final Pattern ANNOTATED_METER = Pattern.compile("@(Timed|Counted)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern STRING_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+([A-Z_][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*(?:\"([^\"]+)\"|BaseUnits\\.(\\w+))");

    final String module;
    final Path root;
    final Map<String, Object> settings;   // application.yml, flattened to dotted keys
    final String yamlText;
    private final List<String> javaSources;

    private ServiceSources(String module, Path root) {
        this.module = module;
        this.root = root;
        Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
        this.yamlText = Files.exists(yml) ? read(yml) : "";
        this.settings = new LinkedHashMap<>();
        for (Object doc : yaml().loadAll(yamlText)) {
            flatten("", doc, settings);
        }
        this.javaSources = new ArrayList<>();
        for (String dir : List.of(module, "common")) {
            Path src = root.resolve(dir).resolve("src/main/java");
            if (Files.isDirectory(src)) {
                try (Stream<Path> files = Files.walk(src)) {
                    files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> javaSources.add(read(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    static ServiceSources of(Path root, String module) {
        return new ServiceSources(module, root);
    }

    /** Whether the service runs an HTTP server at all (the actuator's probes and metrics need one). */
    boolean servesHttp() {
        Path pom = root.resolve(module).resolve("pom.xml");
        return Files.exists(pom) && read(pom).matches("(?s).*<artifactId>spring-boot-starter-(web|webmvc|webflux|jetty|tomcat)</artifactId>.*");
    }

    /** Normalised names (upper case, no {@code . - _}) of every setting the service binds, and prefixes open to any key. */
    record Bindable(Set<String> names, Set<String> openPrefixes) {
        boolean accepts(String envOrProperty) {
            String n = normalise(envOrProperty);
            return names.contains(n) || openPrefixes.stream().anyMatch(n::startsWith);
        }
    }

    Bindable bindable() {
        Set<String> names = new TreeSet<>();
        Set<String> open = new TreeSet<>();
        settings.keySet().forEach(k -> names.add(normalise(k)));
        Matcher m = PLACEHOLDER.matcher(yamlText);
        while (m.find()) {
            names.add(normalise(m.group(1)));
        }
        for (String src : javaSources) {
            Matcher env = GETENV.matcher(src);
            while (env.find()) {
                names.add(normalise(env.group(1) != null ? env.group(1) : env.group(2)));
            }
            Matcher constant = ENV_CONSTANT.matcher(src);
            while (constant.find()) {
                names.add(normalise(constant.group(1)));
            }
            Matcher p = PROPS_PREFIX.matcher(src);
            while (p.find()) {
                String prefix = p.group(1);
                Matcher rec = Pattern.compile("record\\s+(\\w+)\\s*\\(").matcher(src.substring(p.end()));
                if (rec.find() && src.substring(p.end(), p.end() + rec.start()).matches("(?s)\\s*(public\\s+|final\\s+)*")) {
                    addRecord(prefix, rec.group(1), names, open, 0);
                } else {
                    open.add(normalise(prefix)); // a JavaBean: its setters are not enumerated here
                }
            }
        }
        return new Bindable(names, open);
    }

    private void addRecord(String prefix, String recordName, Set<String> names, Set<String> open, int depth) {
        Optional<List<String[]>> components = recordComponents(recordName);
        if (components.isEmpty() || depth > 5) {
            open.add(normalise(prefix));
            return;
        }
        for (String[] c : components.get()) {
            String type = c[0];
            String path = prefix + "." + kebab(c[1]);
            names.add(normalise(path));
            String raw = type.replaceAll("<.*", "").replaceAll(".*\\.", "");
            if (raw.equals("Map") || raw.equals("List") || raw.equals("Set") || type.endsWith("[]")) {
                open.add(normalise(path));
            } else if (recordComponents(raw).isPresent()) {
                addRecord(path, raw, names, open, depth + 1);
            }
        }
    }

    /** Components (type, name) of the record {@code name} declared in this service's or common's sources. */
    private Optional<List<String[]>> recordComponents(String name) {
        Pattern header = Pattern.compile("\\brecord\\s+" + Pattern.quote(name) + "\\s*\\(");
        for (String src : javaSources) {
            Matcher m = header.matcher(src);
            if (!m.find()) {
                continue;
            }
            int depth = 1;
            int i = m.end();
            StringBuilder part = new StringBuilder();
            List<String> parts = new ArrayList<>();
            for (; i < src.length() && depth > 0; i++) {
                char ch = src.charAt(i);
                if (ch == '(' || ch == '<') {
                    depth++;
                } else if (ch == ')' || ch == '>') {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                } else if (ch == ',' && depth == 1) {
                    parts.add(part.toString());
                    part.setLength(0);
                    continue;
                }
                part.append(ch);
            }
            parts.add(part.toString());
            List<String[]> result = new ArrayList<>();
            for (String p : parts) {
                String s = p.replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "")
                        .replaceAll("@\\w+(\\.\\w+)*(\\((\"[^\"]*\"|[^()])*\\))?", "").trim();
                if (s.isEmpty()) {
                    continue;
                }
                Matcher typeAndName = Pattern.compile("(?s)(.*\\S)\\s+(\\w+)").matcher(s);
                if (typeAndName.matches()) {
                    result.add(new String[] {typeAndName.group(1).replaceAll("\\s+", " "), typeAndName.group(2)});
                }
            }
            return Optional.of(result);
        }
        return Optional.empty();
    }

    /** Prometheus names of the meters the sources register (Micrometer's naming convention for Prometheus). */
    Set<String> prometheusMetrics() {
        Map<String, String> constants = new HashMap<>();
        for (String src : javaSources) {
            Matcher c = STRING_CONSTANT.matcher(src);
            while (c.find()) {
                constants.put(c.group(1), c.group(2));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (String src : javaSources) {
            Matcher m = METER.matcher(src);
            while (m.find()) {
                String name = m.group(3) != null ? m.group(3) : constants.get(m.group(4).replaceAll(".*\\.", ""));
                if (name == null) {
                    continue;
                }
                int end = src.indexOf(';', m.end());
                Matcher unit = BASE_UNIT.matcher(src.substring(m.end(), end < 0 ? src.length() : end));
                String baseUnit = unit.find() ? (unit.group(1) != null ? unit.group(1) : unit.group(2).toLowerCase()) : null;
                names.addAll(exported(m.group(1), name, baseUnit));
            }
            Matcher r = REGISTRY_METER.matcher(src);
            while (r.find()) {
                String kind = r.group(1).replace("more().", "");
                names.addAll(exported(switch (kind) {
                    case "counter" -> "Counter";
                    case "timer" -> "Timer";
                    case "summary" -> "DistributionSummary";
                    default -> "Gauge";
                }, r.group(2), null));
            }
            Matcher a = ANNOTATED_METER.matcher(src);
            while (a.find()) {
                names.addAll(exported(a.group(1).equals("Timed") ? "Timer" : "Counter", a.group(2), null));
            }
        }
        return names;
    }

    static List<String> exported(String kind, String meterName, String baseUnit) {
        String base = meterName.replaceAll("[^A-Za-z0-9_:]", "_");
        return switch (kind) {
            case "Counter", "FunctionCounter" -> List.of(base + "_total");
            case "Timer", "FunctionTimer", "LongTaskTimer" -> {
                String s = base + "_seconds";
                yield List.of(s, s + "_bucket", s + "_count", s + "_sum", s + "_max", s + "_active_count", s + "_duration_sum");
            }
            case "DistributionSummary" -> {
                String s = baseUnit == null ? base : base + "_" + baseUnit;
                yield List.of(s, s + "_bucket", s + "_count", s + "_sum", s + "_max");
            }
            default -> List.of(baseUnit == null ? base : base + "_" + baseUnit, base);
        };
    }

    /** The actuator's port (probes, Prometheus): management.server.port, else the server's port. */
    int httpPort(Map<String, String> env) {
        Object value = settings.get("management.server.port");
        return value == null ? serverPort(env) : port(value, env);
    }

    /** The port of the service's own HTTP traffic (server.port, its placeholder's default), else 8080. */
    int serverPort(Map<String, String> env) {
        if (env.containsKey("SERVER_PORT")) {
            return Integer.parseInt(env.get("SERVER_PORT"));
        }
        return port(settings.get("server.port"), env);
    }

    /** Every port the service listens on: its server's and its management port (the same for some services). */
    Set<Integer> ports(Map<String, String> env) {
        return new TreeSet<>(List.of(serverPort(env), httpPort(env)));
    }

    private static int port(Object value, Map<String, String> env) {
        if (value == null) {
            return 8080;
        }
        Matcher m = PLACEHOLDER.matcher(value.toString());
        if (m.matches()) {
            if (env.containsKey(m.group(1))) {
                return Integer.parseInt(env.get(m.group(1)));
            }
            return Integer.parseInt(m.group(2));
        }
        return Integer.parseInt(value.toString());
    }

    /** HTTP paths the actuator serves for the probes and the scraper, from the management settings. */
    Set<String> actuatorPaths() {
        String base = String.valueOf(settings.getOrDefault("management.endpoints.web.base-path", "/actuator"));
        Set<String> exposed = new TreeSet<>(List.of("health"));
        Object include = settings.get("management.endpoints.web.exposure.include");
        if (include != null) {
            for (String s : include.toString().replaceAll("[\\[\\]]", "").split(",")) {
                exposed.add(s.trim());
            }
        }
        Set<String> paths = new TreeSet<>();
        for (String endpoint : exposed) {
            paths.add(base + "/" + endpoint);
        }
        if (exposed.contains("health") || exposed.contains("*")) {
            // Spring Boot 4 serves the liveness and readiness groups unless told not to (seen with 4.1.2: the
            // producer, with no probe setting and not on Kubernetes, answers /actuator/health/liveness)
            if (!"false".equals(String.valueOf(settings.get("management.endpoint.health.probes.enabled")))) {
                paths.add(base + "/health/liveness");
                paths.add(base + "/health/readiness");
            }
            for (String key : settings.keySet()) {
                Matcher g = Pattern.compile("management\\.endpoint\\.health\\.group\\.([^.]+)\\..*").matcher(key);
                if (g.matches()) {
                    paths.add(base + "/health/" + g.group(1));
                }
            }
        }
        return paths;
    }

    String setting(String key, String fallback) {
        Object v = settings.get(key);
        if (v == null) {
            return fallback;
        }
        Matcher m = PLACEHOLDER.matcher(v.toString());
        return m.matches() && m.group(2) != null ? m.group(2) : v.toString();
    }

    static String normalise(String name) {
        return name.toUpperCase().replaceAll("[._\\-\\[\\]]", "");
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : ((Map<Object, Object>) map).entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node != null || !prefix.isEmpty()) {
            out.put(prefix, node);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
