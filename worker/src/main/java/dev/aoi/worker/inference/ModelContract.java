package dev.aoi.worker.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a model's signature and metadata say, checked against docs/model.md: one float32 input {@code [N,3,H,W]}, a
 * float32 output {@code [N,C+1,H',W']}, and {@code aoi.classes} naming exactly C classes (C >= 1). Dimensions
 * that are dynamic in the file are {@code -1} here.
 */
public record ModelContract(String inputName, String outputName, boolean dynamicBatch, int inputHeight,
        int inputWidth, int outputChannels, List<String> classNames) {

    /** Metadata key: comma-separated names of classes 1..C. */
    public static final String CLASSES_KEY = "aoi.classes";
    /** Metadata key: the model's display name. */
    public static final String NAME_KEY = "aoi.model_name";
    /** docs/model.md's names for a model without {@code aoi.classes}. */
    public static final List<String> DEFAULT_CLASSES =
            List.of("PI_Particle", "PR_Peeling", "Copper_Nodule", "Env_Particle");

    public ModelContract {
        classNames = List.copyOf(classNames);
    }

    /** True when the model takes any frame size as it is. */
    public boolean dynamicSize() {
        return inputHeight < 0 || inputWidth < 0;
    }

    /**
     * Checks one model's signature.
     *
     * @param inputs input name to {@code {isFloat32, shape}}; outputs likewise, in the model's order
     * @param metadata the model's custom metadata
     */
    public static ModelContract check(String model, Map<String, Signature> inputs, Map<String, Signature> outputs,
            Map<String, String> metadata) {
        if (inputs.size() != 1) {
            throw refuse(model, "it has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; the contract needs exactly one float32 [N,3,H,W] input");
        }
        if (outputs.isEmpty()) {
            throw refuse(model, "it has no output");
        }
        Map.Entry<String, Signature> in = inputs.entrySet().iterator().next();
        Map.Entry<String, Signature> out = outputs.entrySet().iterator().next();
        long[] inShape = in.getValue().shape();
        long[] outShape = out.getValue().shape();
        if (!in.getValue().float32() || inShape.length != 4) {
            throw refuse(model, "input '" + in.getKey() + "' is " + in.getValue()
                    + "; the contract needs float32 [N,3,H,W]");
        }
        if (inShape[1] != 3 && inShape[1] >= 0) {
            throw refuse(model, "input '" + in.getKey() + "' has " + inShape[1] + " channels; it must take 3 (RGB)");
        }
        if (inShape[0] > 1) {
            throw refuse(model, "input '" + in.getKey() + "' has a fixed batch size of " + inShape[0]
                    + "; export it with a dynamic batch dimension or a batch of 1");
        }
        if (!out.getValue().float32() || outShape.length != 4) {
            throw refuse(model, "output '" + out.getKey() + "' is " + out.getValue()
                    + "; the contract needs float32 [N,C+1,H',W']");
        }
        if (outShape[1] >= 0 && outShape[1] < 2) {
            throw refuse(model, "output '" + out.getKey() + "' has " + outShape[1]
                    + " channel(s); it needs background plus at least one class");
        }
        List<String> names = classNames(model, metadata);
        if (outShape[1] >= 0 && outShape[1] != names.size() + 1) {
            String source = metadata.containsKey(CLASSES_KEY) ? "its " + CLASSES_KEY + " metadata names "
                    : "it has no " + CLASSES_KEY + " metadata, so the " + DEFAULT_CLASSES.size() + " default classes ";
            throw refuse(model, source + names + " (" + names.size() + " classes) but output '" + out.getKey()
                    + "' has " + outShape[1] + " channels = background + " + (outShape[1] - 1)
                    + " classes; fix the metadata or the model");
        }
        return new ModelContract(in.getKey(), out.getKey(), inShape[0] < 0, (int) inShape[2], (int) inShape[3],
                (int) outShape[1], names);
    }

    private static List<String> classNames(String model, Map<String, String> metadata) {
        String listed = metadata.get(CLASSES_KEY);
        if (listed == null) {
            return DEFAULT_CLASSES;
        }
        List<String> names = new ArrayList<>();
        for (String name : listed.split(",", -1)) {
            if (name.isBlank()) {
                throw refuse(model, CLASSES_KEY + " metadata \"" + listed + "\" has an empty class name");
            }
            names.add(name.strip());
        }
        return names;
    }

    static InvalidModelException refuse(String model, String why) {
        return new InvalidModelException("model " + model + " does not fit the AOI model contract: " + why);
    }

    /** A tensor's element type and shape as the model file declares it. */
    public record Signature(boolean float32, long[] shape, String typeName) {

        @Override
        public String toString() {
            return typeName + " " + Arrays.toString(shape).replace("-1", "?");
        }
    }
}
