package dev.baton.samples.orders;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A card payment gateway with the usual test cards: {@value #DECLINED_CARD} is declined,
 * {@value #INSUFFICIENT_FUNDS_CARD} has insufficient funds, other well-formed numbers are
 * authorized. AuthorizePayment calls it.
 */
public final class PaymentGateway {
    public static final String APPROVED_CARD = "4242424242424242";
    public static final String DECLINED_CARD = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    public static final String AUTHORIZED = "AUTHORIZED";
    public static final String DECLINED = "DECLINED";

    private static final Map<String, String> DECLINES = Map.of(
            DECLINED_CARD, "card declined",
            INSUFFICIENT_FUNDS_CARD, "insufficient funds");

    /** What AuthorizePayment receives. */
    public record PaymentRequest(String orderId, BigDecimal amount, String currency, String card) {
    }

    /**
     * What AuthorizePayment answers: a decline is an answer the PaymentDecision state routes on,
     * not a task failure.
     */
    public record PaymentResult(String status, String authorizationId, String reason) {
        static PaymentResult authorized(String authorizationId) {
            return new PaymentResult(AUTHORIZED, authorizationId, null);
        }

        static PaymentResult declined(String reason) {
            return new PaymentResult(DECLINED, null, reason);
        }
    }

    private final AtomicLong authorizations = new AtomicLong(1000);

    public PaymentResult authorize(PaymentRequest request) {
        String card = request.card() == null ? "" : request.card().replace(" ", "");
        if (!card.matches("[0-9]{12,19}")) {
            return PaymentResult.declined("invalid card number");
        }
        String decline = DECLINES.get(card);
        if (decline != null) {
            return PaymentResult.declined(decline);
        }
        return PaymentResult.authorized("auth-" + authorizations.incrementAndGet());
    }
}
