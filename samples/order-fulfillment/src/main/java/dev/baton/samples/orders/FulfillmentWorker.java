package dev.baton.samples.orders;

import dev.baton.worker.ActivityWorker;
import dev.baton.worker.TypedActivityHandler;
import io.grpc.Channel;

import java.time.Duration;
import java.util.List;

/**
 * The worker process: one {@link ActivityWorker} per activity of the state machine, all in one
 * process and on one channel, each calling the service that does the work.
 */
public final class FulfillmentWorker implements AutoCloseable {
    /** Tasks each activity runs at once. */
    public static final int DEFAULT_TASKS_PER_ACTIVITY = 4;
    /** How long running tasks get to finish when the process stops. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(5);

    /** The services the activities call; the demo's are in memory. */
    public record Services(Catalogue catalogue, Warehouse warehouse, PaymentGateway payments, Shipping shipping,
                           CustomerNotifications notifications, SalesAnalytics analytics) {
        public static Services demo() {
            Catalogue catalogue = Catalogue.demo();
            return new Services(catalogue, Warehouse.stocking(catalogue), new PaymentGateway(), new Shipping(),
                    new CustomerNotifications(), new SalesAnalytics());
        }
    }

    private final List<ActivityWorker> workers;

    private FulfillmentWorker(List<ActivityWorker> workers) {
        this.workers = workers;
    }

    /** Starts polling every activity of {@code resources} on a channel the caller owns. */
    public static FulfillmentWorker start(Channel channel, OrderFulfillment.Resources resources, Services services) {
        OrderFulfillment.Activities arns = resources.activities();
        List<ActivityWorker> workers = List.of(
                worker(channel, arns.validateOrder(), "validate", Catalogue.ValidateRequest.class,
                        (order, context) -> services.catalogue().validate(order)),
                worker(channel, arns.reserveInventory(), "reserve", Warehouse.ReserveRequest.class,
                        (request, context) -> services.warehouse().reserve(request)),
                worker(channel, arns.releaseInventory(), "release", Warehouse.ReleaseRequest.class, (request, context) -> {
                    services.warehouse().release(request);
                    return null;
                }),
                worker(channel, arns.authorizePayment(), "payment", PaymentGateway.PaymentRequest.class,
                        (request, context) -> services.payments().authorize(request)),
                worker(channel, arns.shipOrder(), "ship", Shipping.ShipRequest.class,
                        (request, context) -> services.shipping().ship(request)),
                worker(channel, arns.notifyCustomer(), "notify", CustomerNotifications.NotifyRequest.class,
                        (request, context) -> services.notifications().notify(request)),
                worker(channel, arns.recordAnalytics(), "analytics", SalesAnalytics.Sale.class, (sale, context) -> {
                    services.analytics().record(sale);
                    return null;
                }));
        workers.forEach(ActivityWorker::start);
        return new FulfillmentWorker(workers);
    }

    private static <I> ActivityWorker worker(Channel channel, String activityArn, String name, Class<I> inputType,
                                             TypedActivityHandler<? super I, ?> handler) {
        return ActivityWorker.builder(channel)
                .activityArn(activityArn)
                .handler(inputType, handler)
                .workerName("fulfilment-" + name)
                .maxConcurrentTasks(DEFAULT_TASKS_PER_ACTIVITY)
                .build();
    }

    /** Stops polling; running tasks finish and report. */
    public void shutdown() {
        workers.forEach(ActivityWorker::shutdown);
    }

    /** Stops polling at once, cancelling polls in flight and running tasks. */
    public void shutdownNow() {
        workers.forEach(ActivityWorker::shutdownNow);
    }

    /** Waits until every worker has stopped; returns whether they did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ActivityWorker worker : workers) {
            if (!worker.awaitTermination(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops gracefully: running tasks get {@link #DEFAULT_SHUTDOWN_GRACE} to finish and report, then
     * polls still parked at the broker are cancelled. Why not wait for them: a parked poll returns
     * only after up to 60 seconds, and cancelling it loses nothing (the broker keeps a task it has
     * not handed over).
     */
    @Override
    public void close() throws InterruptedException {
        shutdown();
        if (!awaitTermination(DEFAULT_SHUTDOWN_GRACE)) {
            shutdownNow();
            awaitTermination(DEFAULT_SHUTDOWN_GRACE);
        }
    }
}
