package dev.ownstack.core.config.audiences;

import java.util.List;
import java.util.Objects;

/**
 * The customer performed (or did not perform) an event of {@code model.events}:
 * {@code {"event": "Order Completed", "where": [...], "count": {...}, "within-days": 30}}.
 *
 * @param event     the event name, as in {@code model.events.event}
 * @param performed false for "did not perform": exactly the customers the same condition with
 *                  {@code performed} true leaves out
 * @param where     conditions on properties every counted event meets
 * @param count     how many such events; {@link EventCount#AT_LEAST_ONCE} unless given
 * @param window    when the counted events happened
 */
public record EventCondition(String event, boolean performed, List<PropertyFilter> where, EventCount count, TimeWindow window)
        implements AudienceRule {
    public EventCondition {
        Objects.requireNonNull(event, "event");
        where = List.copyOf(where);
        Objects.requireNonNull(count, "count");
        Objects.requireNonNull(window, "window");
        if (event.isEmpty()) {
            throw new IllegalArgumentException("event must not be empty");
        }
    }

    /** Performed at least once, at any time, without property filters. */
    public static EventCondition performed(String event) {
        return new EventCondition(event, true, List.of(), EventCount.AT_LEAST_ONCE, TimeWindow.ALL_TIME);
    }

    /** Never performed. */
    public static EventCondition notPerformed(String event) {
        return new EventCondition(event, false, List.of(), EventCount.AT_LEAST_ONCE, TimeWindow.ALL_TIME);
    }

    public EventCondition withWhere(List<PropertyFilter> filters) {
        return new EventCondition(event, performed, filters, count, window);
    }

    public EventCondition withCount(EventCount newCount) {
        return new EventCondition(event, performed, where, newCount, window);
    }

    public EventCondition withWindow(TimeWindow newWindow) {
        return new EventCondition(event, performed, where, count, newWindow);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.event(this);
    }
}
