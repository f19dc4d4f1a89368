package dev.baton.samples.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The sales record: RecordAnalytics adds one event per fulfilled order (here: logs and keeps it). */
public final class SalesAnalytics {
    private static final Logger log = LoggerFactory.getLogger(SalesAnalytics.class);

    /** What RecordAnalytics receives. */
    public record Sale(String orderId, BigDecimal total, String currency, int itemCount, String trackingNumber) {
    }

    private final List<Sale> sales = new CopyOnWriteArrayList<>();

    public void record(Sale sale) {
        sales.add(sale);
        log.info("Sale recorded: order {}, {} {} for {} line(s), parcel {}", sale.orderId(),
                sale.total().toPlainString(), sale.currency(), sale.itemCount(), sale.trackingNumber());
    }

    public List<Sale> sales() {
        return List.copyOf(sales);
    }
}
