package org.lakehouse.producer.publish;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a source iterator (and a mapping of each chunk of its items) on one background thread, a bounded number of
 * chunks ahead of the consumer, so generating and encoding records overlaps with sending them. The source and the
 * mapping are used only by the background thread, so they need not be thread-safe; the consumer is one thread. A
 * failure in the background thread is rethrown by {@link #next()}; {@link #close()} stops the thread early.
 */
public final class Prefetcher<S, T> implements Iterator<T>, AutoCloseable {
    public static final int CHUNK = 512;
    private static final int CHUNKS_AHEAD = 8;
    private static final Chunk<?> END = new Chunk<>(List.of(), null);

    private final BlockingQueue<Chunk<T>> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread thread;
    private List<T> current = List.of();
    private int index;
    private boolean ended;

    /**
     * @param source       the items, read on the background thread
     * @param chunkMapping turns up to {@value #CHUNK} consecutive source items into as many results, in order
     * @param threadName   name of the background thread
     */
    public Prefetcher(Iterator<S> source, Function<List<S>, List<T>> chunkMapping, String threadName) {
        thread = new Thread(() -> fill(source, chunkMapping), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @SuppressWarnings("unchecked")
    private void fill(Iterator<S> source, Function<List<S>, List<T>> chunkMapping) {
        try {
            while (source.hasNext()) {
                List<S> items = new ArrayList<>(CHUNK);
                while (items.size() < CHUNK && source.hasNext()) {
                    items.add(source.next());
                }
                queue.put(new Chunk<>(chunkMapping.apply(items), null));
            }
            queue.put((Chunk<T>) END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed early: nobody reads any more
        } catch (RuntimeException | Error e) {
            queue.clear();
            queue.offer(new Chunk<>(List.of(), e));
        }
    }

    @Override
    public boolean hasNext() {
        while (!ended && index >= current.size()) {
            Chunk<T> chunk = take();
            if (chunk.failure() != null) {
                ended = true;
                throw new IllegalStateException("Generating records failed: " + chunk.failure(), chunk.failure());
            }
            if (chunk == END) {
                ended = true;
            } else {
                current = chunk.items();
                index = 0;
            }
        }
        return !ended || index < current.size();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.get(index++);
    }

    private Chunk<T> take() {
        try {
            Chunk<T> chunk;
            do {
                chunk = queue.poll(1, TimeUnit.SECONDS);
            } while (chunk == null && thread.isAlive());
            if (chunk == null) {
                chunk = queue.poll(); // the thread ended right after the last poll
            }
            if (chunk == null) {
                throw new IllegalStateException("The record generator thread stopped without finishing");
            }
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for generated records", e);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        queue.clear();
    }

    private record Chunk<T>(List<T> items, Throwable failure) {
    }
}
