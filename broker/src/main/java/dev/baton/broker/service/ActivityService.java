package dev.baton.broker.service;

import dev.baton.broker.persistence.ActivityRepository;
import dev.baton.broker.persistence.ActivityRepository.ActivityRecord;
import dev.baton.proto.v1.ActivityListItem;
import dev.baton.proto.v1.CreateActivityRequest;
import dev.baton.proto.v1.CreateActivityResponse;
import dev.baton.proto.v1.DeleteActivityRequest;
import dev.baton.proto.v1.DeleteActivityResponse;
import dev.baton.proto.v1.DescribeActivityRequest;
import dev.baton.proto.v1.DescribeActivityResponse;
import dev.baton.proto.v1.ListActivitiesRequest;
import dev.baton.proto.v1.ListActivitiesResponse;

import java.time.InstantSource;
import java.util.List;

/** CreateActivity, DescribeActivity, ListActivities, DeleteActivity. */
public final class ActivityService {
    private static final String PAGE_SCOPE = "activities";

    private final Arns arns;
    private final ActivityRepository activities;
    private final InstantSource clock;
    /** Activities by ARN: every GetActivityTask checks its activity. Entries are dropped on delete. */
    private final java.util.Map<String, ActivityRecord> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public ActivityService(Arns arns, ActivityRepository activities, InstantSource clock) {
        this.arns = arns;
        this.activities = activities;
        this.clock = clock;
    }

    /** AWS: idempotent on the name; the existing activity is returned. */
    public CreateActivityResponse create(CreateActivityRequest req) {
        Names.check(req.getName());
        String arn = arns.activity(req.getName());
        long now = clock.millis();
        if (!activities.insert(new ActivityRecord(arn, req.getName(), now))) {
            now = activities.find(arn).map(ActivityRecord::createdAt).orElse(now);
        }
        return CreateActivityResponse.newBuilder().setActivityArn(arn).setCreationDate(Timestamps.of(now)).build();
    }

    /** The stored activity; ActivityDoesNotExist when there is none. */
    public ActivityRecord get(String arn) {
        ActivityRecord cached = cache.get(arn);
        if (cached != null) {
            return cached;
        }
        arns.parseActivity(arn);
        ActivityRecord found = activities.find(arn).orElseThrow(() -> AwsException.activityDoesNotExist(arn));
        cache.put(arn, found);
        return found;
    }

    public DescribeActivityResponse describe(DescribeActivityRequest req) {
        ActivityRecord r = get(req.getActivityArn());
        return DescribeActivityResponse.newBuilder().setActivityArn(r.arn()).setName(r.name())
                .setCreationDate(Timestamps.of(r.createdAt())).build();
    }

    public ListActivitiesResponse list(ListActivitiesRequest req) {
        int size = Pages.size(req.getMaxResults());
        String after = Pages.decode(PAGE_SCOPE, req.getNextToken());
        List<ActivityRecord> rows = activities.list(after, size + 1);
        ListActivitiesResponse.Builder out = ListActivitiesResponse.newBuilder();
        for (int i = 0; i < Math.min(size, rows.size()); i++) {
            ActivityRecord r = rows.get(i);
            out.addActivities(ActivityListItem.newBuilder().setActivityArn(r.arn()).setName(r.name())
                    .setCreationDate(Timestamps.of(r.createdAt())));
        }
        if (rows.size() > size) {
            out.setNextToken(Pages.encode(PAGE_SCOPE, rows.get(size - 1).arn()));
        }
        return out.build();
    }

    public DeleteActivityResponse delete(DeleteActivityRequest req) {
        arns.parseActivity(req.getActivityArn());
        activities.delete(req.getActivityArn());
        cache.remove(req.getActivityArn());
        return DeleteActivityResponse.getDefaultInstance();
    }
}
