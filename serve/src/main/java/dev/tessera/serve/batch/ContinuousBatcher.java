package dev.tessera.serve.batch;

import dev.tessera.core.api.GenerationPlan;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.infer.BatchSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Continuous batching over one loaded model: every running generation advances one token per step in a single
 * batched pass ({@link BatchSession}); a new one joins at the next step when a row is free, and one that
 * finishes (or is cancelled) leaves at once, freeing its row. Each keeps its own sampling settings and seed, so
 * a seeded request gives the same text however many others share the batch.
 *
 * <p>Admission is bounded: at most {@code capacity} run and {@code queue} wait; beyond that {@link #submit}
 * throws {@link QueueFullException}, so memory never grows with the number of clients.
 *
 * <pre>{@code
 * // given: TesseraModel model, JobListener listener
 * try (ContinuousBatcher b = new ContinuousBatcher(model, 16, 16, BatchObserver.NONE)) {
 *     Job j = b.submit(model.plan(Prompt.of("Call me"), "text", String.class, SamplingConfig.greedy(20)),
 *             List.of("\n"), listener);
 * }
 * }</pre>
 *
 * <p>Thread safety: {@code submit} and {@code Job.cancel} may be called from any thread; one daemon thread
 * steps the batch and calls the listeners.
 */
public final class ContinuousBatcher implements AutoCloseable {
    private final BatchSession batch;
    private final int capacity;
    private final int queueCapacity;
    private final BatchObserver observer;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Map<BatchSession.Sequence, Job> running = new HashMap<>();
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private double meanSeconds = 1;

    /**
     * Starts the batcher's thread.
     *
     * @param model the model (on the JVM engine)
     * @param capacity the most generations decoded at once, &gt;= 1
     * @param queueCapacity the most waiting for a row, &gt;= 0
     * @param observer receives step and latency reports
     */
    public ContinuousBatcher(TesseraModel model, int capacity, int queueCapacity, BatchObserver observer) {
        if (capacity < 1 || queueCapacity < 0) {
            throw new IllegalArgumentException("batch capacity (" + capacity + ") must be >= 1 and queue ("
                    + queueCapacity + ") >= 0");
        }
        this.batch = model.openBatch(capacity);
        this.capacity = capacity;
        this.queueCapacity = queueCapacity;
        this.observer = observer;
        this.thread = new Thread(this::loop, "tessera-batcher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a text generation; it joins the batch at the next step with a free row.
     *
     * @param plan the prepared answer (its sampler carries the settings and seed)
     * @param stopStrings strings that end the text (not included in it)
     * @param listener receives the text and the end
     * @return the job (cancel it if its client goes away)
     * @throws QueueFullException if {@code capacity} run and {@code queue} wait already
     * @throws IllegalStateException if the batcher is closed
     */
    public Job submit(GenerationPlan<String> plan, List<String> stopStrings, JobListener listener) {
        Job job = new Job(this, plan, stopStrings, listener);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the batcher is closed");
            }
            if (running.size() + waiting.size() >= capacity + queueCapacity) {
                throw new QueueFullException(capacity + " generations are running and " + waiting.size()
                        + " waiting (queue " + queueCapacity + ")", (int) Math.ceil(meanSeconds));
            }
            waiting.add(job);
            lock.notifyAll();
        }
        return job;
    }

    /** @return generations waiting for a row */
    public int queued() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** @return generations in the batch */
    public int running() {
        synchronized (lock) {
            return running.size();
        }
    }

    /** @return the most generations decoded at once */
    public int capacity() {
        return capacity;
    }

    void cancel(Job job) {
        synchronized (lock) {
            if (job.done()) {
                return;
            }
            job.markCancelled();
            if (!waiting.remove(job) && job.sequence != null) {
                running.remove(job.sequence);
                batch.leave(job.sequence);
            }
        }
        observer.onDone(System.nanoTime() - job.submitted());
    }

    private void loop() {
        while (!closed) {
            try {
                if (!admit()) {
                    continue;
                }
                long t0 = System.nanoTime();
                List<BatchSession.Emitted> out = batch.step();
                observer.onStep(out.size(), out.size(), System.nanoTime() - t0);
                dispatch(out);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failAll(e);
            }
        }
    }

    /** Joins waiting jobs into free rows; waits while nothing runs. @return whether anything runs */
    private boolean admit() throws InterruptedException {
        synchronized (lock) {
            while (!closed && running.size() < capacity && !waiting.isEmpty()) {
                Job job = waiting.poll();
                try {
                    job.sequence = batch.join(job.plan().prompt(), job.sampler());
                    running.put(job.sequence, job);
                } catch (RuntimeException e) {
                    job.fail(e);
                    observer.onDone(System.nanoTime() - job.submitted());
                }
            }
            if (running.isEmpty() && !closed) {
                lock.wait(1000);
                return false;
            }
            return !closed;
        }
    }

    private void dispatch(List<BatchSession.Emitted> out) {
        List<Job> ended = new ArrayList<>();
        synchronized (lock) {
            for (BatchSession.Emitted e : out) {
                Job job = running.get(e.sequence());
                if (job == null || job.done()) {
                    continue;
                }
                if (job.accept(e.token(), e.finish(), observer)) {
                    running.remove(e.sequence());
                    batch.leave(e.sequence());
                    ended.add(job);
                }
            }
        }
        for (Job job : ended) {
            double s = (System.nanoTime() - job.submitted()) / 1e9;
            meanSeconds = 0.9 * meanSeconds + 0.1 * s;
            observer.onDone(System.nanoTime() - job.submitted());
        }
    }

    private void failAll(RuntimeException e) {
        synchronized (lock) {
            for (Map.Entry<BatchSession.Sequence, Job> r : running.entrySet()) {
                batch.leave(r.getKey());
                r.getValue().fail(e);
            }
            running.clear();
        }
    }

    /** Stops the thread; waiting and running jobs fail with "the server is shutting down". */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IllegalStateException stop = new IllegalStateException("the server is shutting down");
        synchronized (lock) {
            for (Job j : waiting) {
                j.fail(stop);
            }
            waiting.clear();
        }
        failAll(stop);
        batch.close();
    }
}
