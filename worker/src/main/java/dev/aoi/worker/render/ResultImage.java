package dev.aoi.worker.render;

/** The result images a worker can write for a frame, each with its fixed file name. */
public enum ResultImage {
    /** Lossless single-channel PNG, pixel value = class id: the exact model output, for tools and retraining. */
    CLASS_MAP("classmap.png"),
    /** The frame tinted with class colours, region outlines and ids (JPEG q90): what an operator looks at. */
    OVERLAY("overlay.jpg"),
    /** A contact sheet of enlarged crops of the largest defects with labels (JPEG q90): what an engineer reviews. */
    DEFECT_SHEET("defects.jpg");

    private final String fileName;

    ResultImage(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
