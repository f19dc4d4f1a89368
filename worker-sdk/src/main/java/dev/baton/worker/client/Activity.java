package dev.baton.worker.client;

import java.time.Instant;

/**
 * An activity.
 *
 * @param activityArn its ARN, which workers poll
 * @param name its name
 * @param creationDate when it was created
 */
public record Activity(String activityArn, String name, Instant creationDate) {}
