package dev.baton.samples.orders;

import dev.baton.worker.ActivityFailure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock and reservations, standing in for a warehouse system: ReserveInventory and
 * ReleaseInventory call it. It can be told to be unavailable for a number of calls, as a real one
 * sometimes is; the state machine's Retry on {@value #UNAVAILABLE} rides that out.
 */
public final class Warehouse {
    /** A passing outage: the state machine retries it. */
    public static final String UNAVAILABLE = "WarehouseUnavailable";
    /** Not enough stock: retrying does not help. */
    public static final String OUT_OF_STOCK = "OutOfStock";

    /** What ReserveInventory receives. */
    public record ReserveRequest(String orderId, List<OrderLine> items) {
    }

    /** What ReserveInventory answers. */
    public record Reservation(String reservationId) {
    }

    /** What ReleaseInventory receives. */
    public record ReleaseRequest(String reservationId) {
    }

    private final Map<String, Integer> stock;
    private final Map<String, List<OrderLine>> reservations = new HashMap<>();
    private int outages;

    public Warehouse(Map<String, Integer> stock) {
        this.stock = new HashMap<>(stock);
    }

    /** The demo's stock: 100 of each product in the catalogue. */
    public static Warehouse stocking(Catalogue catalogue) {
        Map<String, Integer> stock = new HashMap<>();
        catalogue.prices().keySet().forEach(sku -> stock.put(sku, 100));
        return new Warehouse(stock);
    }

    /** The next {@code calls} reservations fail with {@value #UNAVAILABLE}. */
    public synchronized void failNext(int calls) {
        outages = calls;
    }

    public synchronized int inStock(String sku) {
        return stock.getOrDefault(sku, 0);
    }

    /**
     * Reserves the order's items. Reserving the same order again returns its reservation: a retry
     * after a reservation whose answer was lost must not reserve twice.
     */
    public synchronized Reservation reserve(ReserveRequest request) {
        if (outages > 0) {
            outages--;
            throw new ActivityFailure(UNAVAILABLE, "The warehouse system did not answer; try again shortly");
        }
        String reservationId = "res-" + request.orderId();
        if (reservations.containsKey(reservationId)) {
            return new Reservation(reservationId);
        }
        for (OrderLine line : request.items()) {
            if (inStock(line.sku()) < line.quantity()) {
                throw new ActivityFailure(OUT_OF_STOCK,
                        "Only " + inStock(line.sku()) + " of " + line.sku() + " in stock, " + line.quantity() + " ordered");
            }
        }
        request.items().forEach(line -> stock.merge(line.sku(), -line.quantity(), Integer::sum));
        reservations.put(reservationId, List.copyOf(request.items()));
        return new Reservation(reservationId);
    }

    /** Puts a reservation's items back; releasing twice changes nothing. */
    public synchronized void release(ReleaseRequest request) {
        List<OrderLine> items = reservations.remove(request.reservationId());
        if (items != null) {
            items.forEach(line -> stock.merge(line.sku(), line.quantity(), Integer::sum));
        }
    }
}
