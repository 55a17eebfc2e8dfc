package dev.aoi.producer.http;

import dev.aoi.common.event.EventCodec;
import dev.aoi.common.event.EventFormatException;
import dev.aoi.common.event.ImageRef;
import dev.aoi.producer.ProducerProperties;
import dev.aoi.producer.publish.ImageRefPublisher;
import dev.aoi.producer.publish.PublishException;
import dev.aoi.producer.publish.PublishMetrics;
import dev.aoi.producer.watch.ImageFiles;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
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

    private static final Logger log = LoggerFactory.getLogger(FrameIngestController.class);

    private final ImageRefPublisher publisher;
    private final EventCodec codec;
    private final UploadStore store;
    private final PublishMetrics metrics;
    /** An ImageRef is a few hundred bytes; anything larger than this is not one. */
    private final int maxJsonBytes;
    /** Longest wait for the broker: its client gives up within 1.5 x the publish timeout, plus a margin. */
    private final Duration publishWait;

    FrameIngestController(ImageRefPublisher publisher, EventCodec codec, UploadStore store, PublishMetrics metrics,
            ProducerProperties properties) {
        this.publisher = publisher;
        this.codec = codec;
        this.store = store;
        this.metrics = metrics;
        this.maxJsonBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.http().maxJsonBytes().toBytes());
        this.publishWait = properties.http().publishTimeout().multipliedBy(3).dividedBy(2).plusSeconds(1);
    }

    /** Refused by its declared length before a byte is read; a body without one is read up to the limit only. */
    @PostMapping(path = "/v1/frames", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> postRef(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxJsonBytes) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxJsonBytes + 1);
        }
        if (body.length > maxJsonBytes) {
            return tooLarge();
        }
        ImageRef ref;
        try {
            ref = codec.decodeImageRef(body);
        } catch (EventFormatException | IllegalArgumentException e) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", IngestError.of(e));
        }
        return publish(ref).response();
    }

    private ResponseEntity<Object> tooLarge() {
        return reject(HttpStatus.CONTENT_TOO_LARGE, "too_large", new IngestError("an ImageRef must be at most "
                + maxJsonBytes + " bytes (aoi.producer.http.max-json-bytes)", null));
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
        boolean replaced;
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
            new ImageRef(ImageRef.SCHEMA_VERSION, id, "file:///pending", fields.get("camera_id"), captured, attributes);
            replaced = Files.exists(store.root().resolve(id + "." + ext));
            try (InputStream in = file.getInputStream()) {
                stored = store.store(id, ext, in);
            }
            ref = new ImageRef(ImageRef.SCHEMA_VERSION, id, stored.toUri().toString(), fields.get("camera_id"),
                    captured, attributes);
        } catch (IllegalArgumentException e) {
            return reject(HttpStatus.BAD_REQUEST, "bad_field", IngestError.of(e));
        }
        Published answer = publish(ref);
        if (answer.neverDelivered() && !replaced) {
            // nothing refers to the file: no record of it was or will be delivered
            Files.deleteIfExists(stored);
            log.info("Removed the upload {} of {}: it was not published", stored, ref.imgUniqueId());
        }
        return answer.response();
    }

    /** The answer to the client, and whether the record is certain never to reach the broker. */
    private record Published(ResponseEntity<Object> response, boolean neverDelivered) {
    }

    private Published publish(ImageRef ref) {
        try {
            RecordMetadata meta = publisher.publish(ref, publishWait);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("img_unique_id", ref.imgUniqueId());
            body.put("image_uri", ref.imageUri());
            body.put("topic", meta.topic());
            body.put("partition", meta.partition());
            body.put("offset", meta.offset());
            return new Published(ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                    .body(body), false);
        } catch (IllegalArgumentException e) {
            return new Published(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(IngestError.of(e)), true);
        } catch (PublishException e) {
            // after our own wait ran out the client might still deliver it (its timeouts make that rare)
            boolean mayArrive = e.getCause() instanceof TimeoutException;
            return new Published(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_JSON).header("Retry-After", "5")
                    .body(new IngestError(e.getMessage(), null)), !mayArrive);
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
