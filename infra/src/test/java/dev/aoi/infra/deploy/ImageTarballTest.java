package dev.aoi.infra.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tarballs that infra/deploy/images/build-images.sh wrote (OCI layout in a tar): entrypoint, user, port,
 * the application's layers, the JRE, and no secret inside. Tagged "images": building them takes minutes, so
 * {@code ./mvnw verify} leaves this out and build-images.sh runs it on what it built.
 */
@Tag("images")
class ImageTarballTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyBuiltImageStartsTheServiceFromItsOwnLayers() throws IOException {
        Path root = Descriptors.repositoryRoot();
        List<Path> tarballs = new ArrayList<>();
        for (String module : Services.MODULES) {
            Path target = root.resolve(module).resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    files.filter(p -> p.getFileName().toString().matches("jib-image.*\\.tar")).forEach(tarballs::add);
                }
            }
        }
        assertThat(tarballs).as("image tarballs: run infra/deploy/images/build-images.sh to build and check them")
                .isNotEmpty();
        for (Path tar : tarballs) {
            String module = root.relativize(tar).getName(0).toString();
            check(tar, module, ServiceSources.of(root, module), ServiceSources.read(root.resolve(module).resolve("pom.xml")));
        }
    }

    private static void check(Path tar, String module, ServiceSources service, String pom) throws IOException {
        Map<String, byte[]> small = new HashMap<>();
        eachEntry(Files.newInputStream(tar), (name, mode, size, in) -> {
            if (size < 1 << 20) {
                small.put(name, in.readAllBytes());
            }
        });
        JsonNode index = JSON.readTree(small.get("index.json"));
        JsonNode manifest = JSON.readTree(blob(small, index.get("manifests").get(0).get("digest").asString()));
        JsonNode config = JSON.readTree(blob(small, manifest.get("config").get("digest").asString())).get("config");

        Matcher main = Pattern.compile("<mainClass>([^<]+)</mainClass>").matcher(pom);
        assertThat(main.find()).as("%s/pom.xml names the main class", module).isTrue();
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(a -> entrypoint.add(a.asString()));
        assertThat(entrypoint).as("%s entrypoint", tar).startsWith("/opt/java/bin/java").endsWith(main.group(1))
                .contains("@/app/jib-classpath-file");
        assertThat(config.get("User").asString()).isEqualTo("65532:65532");
        assertThat(config.get("ExposedPorts").propertyNames())
                .as("%s exposes the ports %s listens on", tar, module)
                .containsExactlyInAnyOrderElementsOf(service.ports(Map.of()).stream().map(p -> p + "/tcp").toList());

        Map<String, Integer> files = new LinkedHashMap<>();
        List<String> layers = new ArrayList<>();
        manifest.get("layers").forEach(l -> layers.add("blobs/sha256/" + l.get("digest").asString().substring(7)));
        eachEntry(Files.newInputStream(tar), (name, mode, size, in) -> {
            if (layers.contains(name)) {
                eachEntry(new GZIPInputStream(in, 1 << 16), (file, fileMode, fileSize, content) -> files.put(file, fileMode));
            }
        });
        String mainClass = "app/classes/" + main.group(1).replace('.', '/') + ".class";
        assertThat(files).as("%s holds the service, its libraries and the JRE", tar)
                .containsKeys(mainClass, "app/jib-classpath-file", "opt/java/bin/java", "opt/java/lib/modules");
        if (!service.yamlText.isEmpty()) {
            assertThat(files).containsKey("app/resources/application.yml");
        }
        assertThat(files.get("opt/java/bin/java") & 0111).as("java is executable").isNotZero();
        assertThat(files.keySet()).anyMatch(f -> f.matches("app/libs/aoi-common-.*\\.jar"));
        if (module.equals("worker")) {
            String ort = tar.getFileName().toString().contains("gpu") ? "onnxruntime_gpu-" : "onnxruntime-";
            assertThat(files.keySet()).as("%s carries %s", tar, ort).anyMatch(f -> f.startsWith("app/libs/" + ort));
        }
        if (config.path("Labels").path("org.opencontainers.image.base.name").asString().equals("scratch")) {
            assertThat(files).as("a scratch-based image brings its loader, libc and /tmp")
                    .containsKeys("lib64/ld-linux-x86-64.so.2", "lib/x86_64-linux-gnu/libc.so.6", "etc/machine-id", "tmp/");
        }
        assertThat(files.keySet()).as("%s holds no secret", tar)
                .noneMatch(f -> f.startsWith("run/secrets") || f.matches("(?i).*(\\.key|\\.p12|\\.jks|id_rsa|\\.env)$"));
    }

    private static byte[] blob(Map<String, byte[]> small, String digest) {
        return small.get("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    /** Receives one tar entry; {@code in} is positioned at its data and must not be closed. */
    interface EntryReader {
        void read(String name, int mode, long size, InputStream in) throws IOException;
    }

    /** Reads a tar stream (ustar with PAX and GNU long names, as Jib writes them) entry by entry. */
    static void eachEntry(InputStream raw, EntryReader reader) throws IOException {
        try (InputStream in = new BufferedInputStream(raw, 1 << 16)) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                String name = longName != null ? longName : ustarName(header);
                longName = null;
                BoundedInputStream data = new BoundedInputStream(in, size);
                if (type == 'x' || type == 'L') {
                    String text = new String(data.readAllBytes(), StandardCharsets.UTF_8);
                    if (type == 'L') {
                        longName = text.replace("\0", "");
                    } else {
                        Matcher path = Pattern.compile("\\d+ path=([^\n]*)\n").matcher(text);
                        longName = path.find() ? path.group(1) : null;
                    }
                } else if (type != 'g') {
                    reader.read(name, (int) octal(header, 100, 8), size, data);
                }
                data.skipRest();
                long pad = (512 - size % 512) % 512;
                in.skipNBytes(pad);
            }
        }
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        String prefix = cString(h, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) {
        if ((b[off] & 0x80) != 0) {   // base-256 for large sizes
            long v = 0;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }
        String s = cString(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    /** The data of one entry: reads stop at its end, and the rest is skipped before the next header. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the outer stream stays open
        }

        void skipRest() throws IOException {
            in.skipNBytes(left);
            left = 0;
        }
    }
}
