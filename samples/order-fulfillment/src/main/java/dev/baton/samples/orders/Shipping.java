package dev.baton.samples.orders;

import java.util.concurrent.atomic.AtomicLong;

/** The carrier: ShipOrder books a parcel and gets a tracking number. */
public final class Shipping {
    public static final String CARRIER = "Baton Parcel";

    /** What ShipOrder receives. */
    public record ShipRequest(String orderId, String reservationId, Customer customer) {
    }

    /** What ShipOrder answers. */
    public record Shipment(String trackingNumber, String carrier) {
    }

    private final AtomicLong parcels = new AtomicLong(5000);

    public Shipment ship(ShipRequest request) {
        return new Shipment("BP" + parcels.incrementAndGet(), CARRIER);
    }
}
