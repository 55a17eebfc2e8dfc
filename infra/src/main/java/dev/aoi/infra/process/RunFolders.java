package dev.aoi.infra.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of one run of the demo or a pipeline benchmark, under {@code $AOI_HOME/<name>} (default
 * {@code .aoi} in the repository): emptied first, then the input frames, the result images and the services' logs.
 */
public record RunFolders(Path home, Path images, Path results, Path logs) {

    /** Empties {@code $AOI_HOME/<name>} and creates its {@code images}, {@code results} and {@code logs}. */
    public static RunFolders fresh(Path repositoryRoot, String name) throws IOException {
        Path home = Path.of(System.getenv().getOrDefault("AOI_HOME", repositoryRoot.resolve(".aoi").toString()))
                .resolve(name);
        ServiceProcess.deleteTree(home);
        RunFolders folders = new RunFolders(home, home.resolve("images"), home.resolve("results"), home.resolve("logs"));
        Files.createDirectories(folders.images());
        Files.createDirectories(folders.results());
        Files.createDirectories(folders.logs());
        return folders;
    }
}
