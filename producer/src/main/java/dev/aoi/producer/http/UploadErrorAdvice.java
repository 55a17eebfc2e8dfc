package dev.aoi.producer.http;

import dev.aoi.producer.publish.PublishMetrics;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Multipart failures happen while the request is parsed, before any controller is chosen, so they are answered
 * here: 413 for an upload over {@code aoi.producer.http.max-upload-size}, 400 for a malformed one, both as JSON.
 */
@RestControllerAdvice
class UploadErrorAdvice {

    private final PublishMetrics metrics;

    UploadErrorAdvice(PublishMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<IngestError> tooLarge(MaxUploadSizeExceededException e) {
        metrics.rejected("http", "too_large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_JSON)
                .body(new IngestError("upload larger than aoi.producer.http.max-upload-size allows", "file"));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<IngestError> malformed(MultipartException e) {
        metrics.rejected("http", "bad_field");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(new IngestError("malformed multipart request: " + e.getMessage(), null));
    }
}
