package dev.baton.samples.orders;

/**
 * Who ordered.
 *
 * @param name the customer's name
 * @param email where notifications go
 */
public record Customer(String name, String email) {
}
