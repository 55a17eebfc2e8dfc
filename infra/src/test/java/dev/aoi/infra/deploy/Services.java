package dev.aoi.infra.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service modules and the images the build makes of them, read from their poms and the image script. */
final class Services {

    static final List<String> MODULES = List.of("worker", "persister", "producer", "console");

    private Services() {
    }

    /** Image name (without registry or tag) → module, for every image build-images.sh produces. */
    static Map<String, String> producedImages(Path root) {
        Map<String, String> images = new LinkedHashMap<>();
        String script = ServiceSources.read(root.resolve("infra/deploy/images/build-images.sh"));
        Matcher suffixes = Pattern.compile("-Daoi\\.image\\.suffix=(\\S+) .*-pl (\\w+)").matcher(script);
        for (String module : MODULES) {
            Matcher name = Pattern.compile("<aoi\\.image\\.name>([^<]+)</aoi\\.image\\.name>")
                    .matcher(ServiceSources.read(root.resolve(module).resolve("pom.xml")));
            if (!name.find()) {
                throw new AssertionError(module + "/pom.xml sets no aoi.image.name: the image build lost its Jib block");
            }
            images.put(name.group(1), module);
        }
        while (suffixes.find()) {
            String module = suffixes.group(2);
            images.entrySet().stream().filter(e -> e.getValue().equals(module)).findFirst()
                    .ifPresent(e -> images.put(e.getKey() + suffixes.group(1), module));
        }
        return images;
    }
}
