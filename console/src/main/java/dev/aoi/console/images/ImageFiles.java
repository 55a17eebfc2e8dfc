package dev.aoi.console.images;

/** Where a frame's stored files are (paths or {@code file:} URIs as the pipeline wrote them; null when absent). */
public record ImageFiles(String input, String result1, String result2, String result3) {

    /** The stored location of file {@code name} ({@code input}, {@code result_1..3}), or null. */
    public String location(String name) {
        return switch (name) {
            case "input" -> input;
            case "result_1" -> result1;
            case "result_2" -> result2;
            case "result_3" -> result3;
            default -> null;
        };
    }
}
