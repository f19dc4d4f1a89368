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

    /** Stops polling everywhere at once, then waits for running tasks to report. */
    @Override
    public void close() throws InterruptedException {
        workers.forEach(ActivityWorker::shutdown);
        for (ActivityWorker worker : workers) {
            worker.awaitTermination(Duration.ofSeconds(30));
        }
    }
}
