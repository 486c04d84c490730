package dev.ampulla.feedback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Keeps writes to the feedback store off the hook's hot path: a hook hands items over with {@link #offer} (never
 * blocking) and one background thread writes them in batches. What it cannot take (queue full, closing) the caller
 * counts as not recorded; {@code write} handles and counts store failures itself.
 */
final class BatchWriter<T> implements AutoCloseable {
    /** Most items written in one transaction. */
    private static final int BATCH = 1000;
    /**
     * How long the writer gathers items after the first one before it writes: a few transactions a second at any
     * load, instead of one per call (each commit costs the database a disk flush).
     */
    private static final long LINGER_MILLIS = 250;

    private final ArrayBlockingQueue<T> queue;
    private final Consumer<List<T>> write;
    /** Items handed over and not yet written or given up on. */
    private final AtomicLong pending = new AtomicLong();

    private final Thread writer;
    private volatile boolean closing;

    BatchWriter(String threadName, int capacity, Consumer<List<T>> write) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.write = write;
        this.writer = new Thread(this::run, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands one item over; false when it was not taken (queue full, or closing). */
    boolean offer(T item) {
        pending.incrementAndGet();
        if (closing || !queue.offer(item)) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Items waiting to be written. */
    int queued() {
        return queue.size();
    }

    /** Waits until everything offered so far has been written or given up on (tests, shutdown). */
    boolean flush(Duration within) {
        long end = System.nanoTime() + within.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void run() {
        List<T> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (!closing) {
                    Thread.sleep(LINGER_MILLIS);
                }
                queue.drainTo(batch, BATCH - 1);
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
