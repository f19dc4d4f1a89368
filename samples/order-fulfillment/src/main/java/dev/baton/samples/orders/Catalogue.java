package dev.baton.samples.orders;

import dev.baton.worker.ActivityFailure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shop's products and prices: the ValidateOrder activity checks an order against them and prices it. */
public final class Catalogue {
    /** The error of an order that cannot be fulfilled as given; not retried. */
    public static final String INVALID_ORDER = "InvalidOrder";
    public static final String CURRENCY = "EUR";
    public static final int MAX_QUANTITY = 99;

    /** What ValidateOrder receives. */
    public record ValidateRequest(String orderId, Customer customer, List<OrderLine> items) {
    }

    /** A priced line. */
    public record PricedLine(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
    }

    /** What ValidateOrder answers: the order priced. */
    public record Pricing(List<PricedLine> lines, BigDecimal total, String currency) {
    }

    private final Map<String, BigDecimal> prices;

    public Catalogue(Map<String, BigDecimal> prices) {
        this.prices = new TreeMap<>(prices);
    }

    /** A few products to order in the demo. */
    public static Catalogue demo() {
        return new Catalogue(Map.of(
                "BOOK-42", new BigDecimal("24.90"),
                "MUG-7", new BigDecimal("9.50"),
                "TEE-3", new BigDecimal("19.00")));
    }

    public Map<String, BigDecimal> prices() {
        return prices;
    }

    /** Checks the order and prices it; a problem fails the task with {@value #INVALID_ORDER}. */
    public Pricing validate(ValidateRequest order) {
        if (order.customer() == null || order.customer().email() == null || !order.customer().email().contains("@")) {
            throw new ActivityFailure(INVALID_ORDER, "Order " + order.orderId() + " needs a customer with an email address");
        }
        if (order.items() == null || order.items().isEmpty()) {
            throw new ActivityFailure(INVALID_ORDER, "Order " + order.orderId() + " has no items");
        }
        List<PricedLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLine line : order.items()) {
            BigDecimal price = prices.get(line.sku());
            if (price == null) {
                throw new ActivityFailure(INVALID_ORDER, "Unknown SKU " + line.sku() + "; the catalogue has " + prices.keySet());
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new ActivityFailure(INVALID_ORDER,
                        "Quantity of " + line.sku() + " must be 1 to " + MAX_QUANTITY + ", not " + line.quantity());
            }
            BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(line.quantity()));
            lines.add(new PricedLine(line.sku(), line.quantity(), price, lineTotal));
            total = total.add(lineTotal);
        }
        return new Pricing(lines, total, CURRENCY);
    }
}
