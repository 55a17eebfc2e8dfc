package dev.aoi.console.query;

/** A query parameter the console cannot use; answered as a 400 problem that names {@link #parameter()}. */
public final class BadFilterException extends RuntimeException {

    private final String parameter;

    public BadFilterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the client sent it, e.g. {@code min_regions} or {@code attr.lot}. */
    public String parameter() {
        return parameter;
    }
}
