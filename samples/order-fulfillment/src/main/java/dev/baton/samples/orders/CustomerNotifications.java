package dev.baton.samples.orders;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Messages to customers: NotifyCustomer sends the order confirmation (here: logs and keeps it). */
public final class CustomerNotifications {
    private static final Logger log = LoggerFactory.getLogger(CustomerNotifications.class);

    /** What NotifyCustomer receives. */
    public record NotifyRequest(String orderId, Customer customer, BigDecimal total, String currency) {
    }

    /** What NotifyCustomer answers. */
    public record Notification(String messageId) {
    }

    /** A message as sent. */
    public record Message(String messageId, String to, String text) {
    }

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();

    public Notification notify(NotifyRequest request) {
        String id = "msg-" + messages.incrementAndGet();
        String text = "Hello " + request.customer().name() + ", your order " + request.orderId() + " of "
                + request.total().toPlainString() + " " + request.currency() + " is on its way.";
        sent.add(new Message(id, request.customer().email(), text));
        log.info("To {}: {}", request.customer().email(), text);
        return new Notification(id);
    }

    public List<Message> sent() {
        return List.copyOf(sent);
    }
}
