package dev.aoi.infra.process;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: the ONNX file the started workers load, the demo model unless named; it must exist. */
public final class ModelOption {

    @Option(names = "--model", paramLabel = "M.onnx", description = "the model (default: models/aoi-demo.onnx)")
    private Path model;

    /** The model file, absolute; throws when there is none, before anything starts. */
    public Path resolve(Path repositoryRoot) {
        Path file = model == null ? repositoryRoot.resolve("models/aoi-demo.onnx") : model.toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no model at " + file);
        }
        return file;
    }
}
