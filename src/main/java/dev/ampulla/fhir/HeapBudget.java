package dev.ampulla.fhir;

/**
 * The heap one call may still take: asked before an answer from a FHIR server is parsed, so that large answers meet
 * "busy" instead of an exhausted heap.
 */
@FunctionalInterface
public interface HeapBudget {
    /** No limit (tools and tests). */
    HeapBudget UNLIMITED = bytes -> true;

    /** Takes {@code bytes} more for this call; false when they do not fit. */
    boolean reserve(long bytes);
}
