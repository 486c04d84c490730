package dev.ampulla.feedback;

/** The feedback store's database cannot be reached or refused the operation. */
public final class StoreUnavailableException extends RuntimeException {
    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
