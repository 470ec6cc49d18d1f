package dev.tessera.serve.batch;

import dev.tessera.core.api.GenerationPlan;
import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.TokenListener;
import dev.tessera.core.generate.TokenSampler;
import dev.tessera.core.infer.BatchSession;
import java.util.List;

/**
 * One generation in the {@link ContinuousBatcher}: its plan and sampler, the text written so far, its stop
 * strings, and where it is (waiting, in the batch, done). Cancel it when its client goes away.
 */
public final class Job {
    private final ContinuousBatcher owner;
    private final GenerationPlan<String> plan;
    private final TokenSampler sampler;
    private final StopStrings stops;
    private final JobListener listener;
    private final TokenListener pieces;
    private final StringBuilder text = new StringBuilder();
    private final long submitted = System.nanoTime();
    private int sent;
    private int searched;
    private boolean first = true;
    BatchSession.Sequence sequence;
    private volatile boolean done;

    Job(ContinuousBatcher owner, GenerationPlan<String> plan, List<String> stops, JobListener listener) {
        this.owner = owner;
        this.plan = plan;
        this.sampler = plan.sampler();
        this.stops = new StopStrings(stops);
        this.listener = listener;
        this.pieces = plan.textPieces(text::append);
    }

    GenerationPlan<String> plan() {
        return plan;
    }

    TokenSampler sampler() {
        return sampler;
    }

    long submitted() {
        return submitted;
    }

    /** @return true once the job finished, failed or was cancelled */
    public boolean done() {
        return done;
    }

    /** Takes the job out of the queue or the batch at once (its client went away); does nothing when done. */
    public void cancel() {
        owner.cancel(this);
    }

    /**
     * A token this job's sequence produced (batcher thread).
     *
     * @return true if the job is now finished (a stop string, a stop token, or the budget)
     */
    boolean accept(int token, FinishReason finish, BatchObserver observer) {
        if (first) {
            first = false;
            observer.onFirstToken(System.nanoTime() - submitted);
        }
        if (token >= 0) {
            pieces.onToken(0, token);
        }
        if (endsAtStopString()) {
            return true;
        }
        if (finish != null) {
            String whole = plan.decode(sampler.tokens(), finish);
            if (whole.length() > text.length() && whole.startsWith(text.toString())) {
                text.append(whole, text.length(), whole.length()); // what the pieces held back
                if (endsAtStopString()) {
                    return true;
                }
            }
            flush(text.length());
            complete(finish == FinishReason.STOP_TOKEN ? "stop" : "length");
            return true;
        }
        flush(stops.safeLength(text));
        return false;
    }

    /** Cuts the text at a stop string that appeared in it and completes the job; false if none did. */
    private boolean endsAtStopString() {
        int at = stops.find(text, searched);
        if (at < 0) {
            searched = text.length();
            return false;
        }
        text.setLength(at);
        flush(text.length());
        complete("stop");
        return true;
    }

    private void flush(int upTo) {
        if (upTo > sent) {
            listener.onText(text.substring(sent, upTo));
            sent = upTo;
        }
    }

    private void complete(String reason) {
        done = true;
        listener.onDone(new Completion(text.toString(), plan.prompt().length, sampler.count(), reason));
    }

    void fail(RuntimeException e) {
        if (!done) {
            done = true;
            listener.onError(e);
        }
    }

    void markCancelled() {
        done = true;
    }
}
