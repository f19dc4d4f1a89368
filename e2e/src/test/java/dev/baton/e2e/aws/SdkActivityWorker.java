package dev.baton.e2e.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/**
 * An activity worker made only of AWS SDK calls, the way AWS's documentation writes one: threads that
 * long-poll GetActivityTask and answer SendTaskSuccess with what the handler returns.
 */
final class SdkActivityWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SdkActivityWorker.class);

    private final SfnClient sfn;
    private final String activityArn;
    private final UnaryOperator<String> handler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger completed = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    private SdkActivityWorker(SfnClient sfn, String activityArn, UnaryOperator<String> handler) {
        this.sfn = sfn;
        this.activityArn = activityArn;
        this.handler = handler;
    }

    static SdkActivityWorker start(SfnClient sfn, String activityArn, int threads, UnaryOperator<String> handler) {
        SdkActivityWorker worker = new SdkActivityWorker(sfn, activityArn, handler);
        for (int i = 0; i < threads; i++) {
            String name = "sdk-worker-" + i;
            worker.threads.add(Thread.ofPlatform().name(name).start(() -> worker.run(name)));
        }
        return worker;
    }

    private void run(String workerName) {
        while (running.get()) {
            try {
                GetActivityTaskResponse task = sfn.getActivityTask(r -> r.activityArn(activityArn).workerName(workerName));
                if (task.taskToken() == null) {
                    continue; // the poll ended with no task, as it does on AWS after 60 s
                }
                String output = handler.apply(task.input());
                sfn.sendTaskSuccess(r -> r.taskToken(task.taskToken()).output(output));
                completed.incrementAndGet();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.error("SDK worker {} failed", workerName, e);
                    synchronized (failures) {
                        failures.add(e);
                    }
                    return;
                }
            }
        }
    }

    int completed() {
        return completed.get();
    }

    List<Throwable> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Stops polling; returns once every thread's last poll has ended (at most the broker's poll timeout). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
