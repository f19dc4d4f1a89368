package dev.baton.samples.orders;

/**
 * One line of an order.
 *
 * @param sku the product's stock-keeping unit, e.g. {@code BOOK-42}
 * @param quantity how many
 */
public record OrderLine(String sku, int quantity) {
}
