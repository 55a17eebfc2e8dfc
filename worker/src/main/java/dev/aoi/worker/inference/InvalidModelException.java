package dev.aoi.worker.inference;

/** The model file does not fit the contract of docs/model.md; the message says exactly what is wrong. */
public class InvalidModelException extends RuntimeException {

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
