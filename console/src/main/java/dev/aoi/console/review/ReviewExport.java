package dev.aoi.console.review;

import dev.aoi.console.files.FileRoots;
import dev.aoi.console.files.FrameImages;
import dev.aoi.console.query.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verdicts given in a time range as a labelled dataset to retrain the model: one PNG crop per verdict (the box
 * as reviewed plus a margin, cut from the frame's input image, under {@code images/<verdict>/}) and the same rows
 * in {@code manifest.csv} and {@code manifest.jsonl}. Live verdicts only; the box comes from the review's copy, so
 * a verdict exports the region its reviewer saw even after a reprocess. A verdict whose frame cannot be read is
 * kept in the manifest with an empty file and the reason.
 */
public final class ReviewExport {

    /** What an export wrote. */
    public record Summary(int verdicts, int images, int withoutImage) {
    }

    private static final String[] COLUMNS = {"review_id", "file", "verdict", "class_id", "class_name",
        "img_unique_id", "region_unique_id", "region_id", "bbox_x", "bbox_y", "bbox_width", "bbox_height",
        "area_pixels", "model_sha256", "reviewed_by", "reviewed_at", "comment", "crop_x", "crop_y", "missing"};
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final FileRoots roots;
    private final int margin;

    public ReviewExport(JdbcClient jdbc, FileRoots roots, int margin) {
        this.jdbc = jdbc;
        this.roots = roots;
        this.margin = margin;
    }

    /** Writes the verdicts given in {@code [from, to)} to {@code out} (created; files there are replaced). */
    public Summary export(Instant from, Instant to, Path out) throws IOException {
        Files.createDirectories(out);
        int[] counts = new int[3];
        try (BufferedWriter csv = Files.newBufferedWriter(out.resolve("manifest.csv"), StandardCharsets.UTF_8);
                BufferedWriter jsonl = Files.newBufferedWriter(out.resolve("manifest.jsonl"), StandardCharsets.UTF_8)) {
            csv.write(String.join(",", COLUMNS));
            csv.newLine();
            jdbc.sql("SELECT " + ReviewRepository.COLUMNS + ", i.input_image_path FROM " + ReviewRepository.FROM
                            + " LEFT JOIN images i ON i.img_unique_id = v.img_unique_id"
                            + " WHERE NOT v.is_deleted AND v.reviewed_at >= :from AND v.reviewed_at < :to"
                            + " ORDER BY v.reviewed_at, v.id")
                    .param("from", Timestamps.bind(from)).param("to", Timestamps.bind(to))
                    .query(rs -> {
                        Review r = ReviewRepository.REVIEW.mapRow(rs, 0);
                        Map<String, Object> row = write(r, rs.getString("input_image_path"), out, counts);
                        try {
                            csv.write(csvLine(row));
                            csv.newLine();
                            jsonl.write(JSON.writeValueAsString(row));
                            jsonl.newLine();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        return new Summary(counts[0], counts[1], counts[2]);
    }

    private Map<String, Object> write(Review r, String input, Path out, int[] counts) {
        counts[0]++;
        Map<String, Object> row = new LinkedHashMap<>();
        String file = null;
        String missing = null;
        int left = r.bboxX() == null ? 0 : Math.max(0, r.bboxX() - margin);
        int top = r.bboxY() == null ? 0 : Math.max(0, r.bboxY() - margin);
        FileRoots.Resolved frame = roots.resolve(input);
        if (r.bboxX() == null || r.bboxWidth() == null) {
            missing = "the review has no box";
        } else if (!frame.ok()) {
            missing = "frame " + frame.refusal().name().toLowerCase(java.util.Locale.ROOT);
        } else {
            try {
                byte[] png = FrameImages.crop(frame.path(), r.bboxX(), r.bboxY(), r.bboxWidth(), r.bboxHeight(), margin);
                file = "images/" + r.verdict() + "/" + r.id() + ".png";
                Path target = out.resolve(file);
                Files.createDirectories(target.getParent());
                Files.write(target, png);
                counts[1]++;
            } catch (IOException | RuntimeException e) {
                missing = "frame unreadable: " + e.getMessage();
            }
        }
        if (file == null) {
            counts[2]++;
        }
        row.put("review_id", r.id());
        row.put("file", file);
        row.put("verdict", r.verdict());
        row.put("class_id", r.classId());
        row.put("class_name", r.className());
        row.put("img_unique_id", r.imgUniqueId());
        row.put("region_unique_id", r.regionUniqueId());
        row.put("region_id", r.regionId());
        row.put("bbox_x", r.bboxX());
        row.put("bbox_y", r.bboxY());
        row.put("bbox_width", r.bboxWidth());
        row.put("bbox_height", r.bboxHeight());
        row.put("area_pixels", r.areaPixels());
        row.put("model_sha256", r.modelSha256());
        row.put("reviewed_by", r.reviewedBy());
        row.put("reviewed_at", r.reviewedAt() == null ? null : r.reviewedAt().toString());
        row.put("comment", r.comment());
        // where the crop starts in the frame, so the box can be mapped into the crop: (bbox_x - crop_x, ...)
        row.put("crop_x", file == null ? null : left);
        row.put("crop_y", file == null ? null : top);
        row.put("missing", missing);
        return row;
    }

    static String csvLine(Map<String, Object> row) {
        StringBuilder line = new StringBuilder();
        for (String column : COLUMNS) {
            if (line.length() > 0) {
                line.append(',');
            }
            Object v = row.get(column);
            String text = v == null ? "" : v.toString();
            if (text.matches(".*[\",\\r\\n].*") || text.startsWith("=") || text.startsWith("+")
                    || text.startsWith("-") || text.startsWith("@")) {
                // quoted, and formula-looking text prefixed so a spreadsheet shows it instead of running it
                String safe = text.matches("^[=+\\-@].*") && !text.matches("-?\\d.*") ? "'" + text : text;
                text = "\"" + safe.replace("\"", "\"\"") + "\"";
            }
            line.append(text);
        }
        return line.toString();
    }
}
