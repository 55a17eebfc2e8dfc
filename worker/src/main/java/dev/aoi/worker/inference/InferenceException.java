package dev.aoi.worker.inference;

/** A run of the model failed, or gave an output that breaks the contract, for the frames it was given. */
public class InferenceException extends RuntimeException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
