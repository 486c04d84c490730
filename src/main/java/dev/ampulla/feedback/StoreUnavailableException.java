package dev.ampulla.feedback;

/** The feedback store's database cannot be reached or refused the operation. */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
