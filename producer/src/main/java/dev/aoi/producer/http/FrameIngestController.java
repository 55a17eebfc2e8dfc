package dev.aoi.producer.http;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.ImageRef;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishException;
import dev.aoi.producer.publish.PublishMetrics;
import dev.aoi.producer.watch.ImageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/frames}: an ImageRef as JSON, or a multipart upload ({@code file} plus optional
 * {@code img_unique_id}, {@code camera_id}, {@code captured_at}, {@code attr.<name>} fields) that is stored under the
 * image root first. Answers 202 with the id once the broker has the record; 400 names the offending field.
 */
@RestController
class FrameIngestController {

    /** An ImageRef is a few hundred bytes; anything this large is not one. */
    private static final int MAX_JSON_BYTES = 256 * 1024;

    private final ImageRefPublisher publisher;
    private final EventCodec codec;
    private final UploadStore store;
    private final PublishMetrics metrics;

    FrameIngestController(ImageRefPublisher publisher, EventCodec codec, UploadStore store, PublishMetrics metrics) {
        this.publisher = publisher;
        this.codec = codec;
        this.store = store;
        this.metrics = metrics;
    }

    @PostMapping(path = "/v1/frames", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> postRef(@RequestBody(required = false) byte[] body) {
        if (body != null && body.length > MAX_JSON_BYTES) {
            return reject(HttpStatus.CONTENT_TOO_LARGE, "too_large",
                    new IngestError("an ImageRef must be under " + MAX_JSON_BYTES + " bytes", null));
        }
        ImageRef ref;
        try {
            ref = codec.decodeImageRef(body == null ? new byte[0] : body);
        } catch (EventFormatException | IllegalArgumentException e) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", IngestError.of(e));
        }
        return publish(ref);
    }

    @PostMapping(path = "/v1/frames", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> postFile(@RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam Map<String, String> fields) throws IOException {
        if (file == null || file.isEmpty()) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", new IngestError("multipart part 'file' is missing or empty",
                    "file"));
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        String ext = ImageFiles.extension(name);
        if (!ImageFiles.EXTENSIONS.contains(ext)) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", new IngestError("file name '" + name
                    + "' must end in one of " + ImageFiles.EXTENSIONS, "file"));
        }
        ImageRef ref;
        java.nio.file.Path stored;
        try {
            String id = fields.get("img_unique_id");
            if (id == null || id.isBlank()) {
                id = "http-" + contentHash(file); // same bytes, same id: a retried upload overwrites, never duplicates
            }
            Instant captured = fields.containsKey("captured_at") ? parseInstant(fields.get("captured_at"))
                    : Instant.now();
            Map<String, String> attributes = new LinkedHashMap<>();
            fields.forEach((k, v) -> {
                if (k.startsWith("attr.")) {
                    attributes.put(k.substring(5), v);
                }
            });
            // validate everything before touching the disk: a refused frame leaves no file behind
            ImageRef.of(id, "file:///pending", captured);
            try (InputStream in = file.getInputStream()) {
                stored = store.store(id, ext, in);
            }
            ref = new ImageRef(ImageRef.SCHEMA_VERSION, id, stored.toUri().toString(), fields.get("camera_id"),
                    captured, attributes);
        } catch (IllegalArgumentException e) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", IngestError.of(e));
        }
        return publish(ref);
    }

    private ResponseEntity<Object> publish(ImageRef ref) {
        try {
            RecordMetadata meta = publisher.publish(ref);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("img_unique_id", ref.imgUniqueId());
            body.put("image_uri", ref.imageUri());
            body.put("topic", meta.topic());
            body.put("partition", meta.partition());
            body.put("offset", meta.offset());
            return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(body);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(IngestError.of(e));
        } catch (PublishException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
                    .header("Retry-After", "5").body(new IngestError(e.getMessage(), null));
        }
    }

    private ResponseEntity<Object> reject(HttpStatus status, String reason, IngestError error) {
        metrics.rejected("http", reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("captured_at must be an ISO-8601 instant with offset, e.g. "
                    + "2026-11-23T10:15:30Z, got '" + text + "'");
        }
    }

    private static String contentHash(MultipartFile file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(file.getInputStream(),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
