package dev.aoi.common.synthetic;

/** The four defect classes of the seed model, with the ids their ground-truth masks carry (0 is background). */
public enum DefectClass {
    PI_PARTICLE(1, "PI_Particle"),
    PR_PEELING(2, "PR_Peeling"),
    COPPER_NODULE(3, "Copper_Nodule"),
    ENV_PARTICLE(4, "Env_Particle");

    private final int id;
    private final String label;

    DefectClass(int id, String label) {
        this.id = id;
        this.label = label;
    }

    public int id() {
        return id;
    }

    /** The name used in model metadata and in results, e.g. {@code PI_Particle}. */
    public String label() {
        return label;
    }

    /** Comma-separated labels of classes 1..4, the value of the ONNX metadata {@code aoi.classes}. */
    public static String metadataValue() {
        StringBuilder sb = new StringBuilder();
        for (DefectClass c : values()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(c.label);
        }
        return sb.toString();
    }
}
