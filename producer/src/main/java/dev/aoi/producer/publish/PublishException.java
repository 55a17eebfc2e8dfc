package dev.aoi.producer.publish;

/** The broker did not acknowledge a record in time (after the client's own retries): retry later or alert. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
