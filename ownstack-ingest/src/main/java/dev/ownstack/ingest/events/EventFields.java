package dev.ownstack.ingest.events;

import dev.ownstack.ingest.events.ObjectFields.Member;
import dev.ownstack.ingest.events.ObjectFields.Reading;

/**
 * The fields of an event that the collector checks or sets, as {@link ObjectFields} looks for
 * them: the text of each string it reads, and the members of {@code context} (for {@code ip}
 * and the merge with the batch's) and of {@code integrations} (for the merge).
 */
final class EventFields {
    static final Reading CONTEXT_MEMBERS = new Reading();
    static final Member IP = CONTEXT_MEMBERS.text("ip");
    static final Reading INTEGRATIONS_MEMBERS = new Reading();

    /** How an event is read. */
    static final Reading EVENT = new Reading();
    static final Member TYPE = EVENT.text("type");
    static final Member EVENT_NAME = EVENT.text("event");
    static final Member NAME = EVENT.text("name");
    static final Member USER_ID = EVENT.text("userId");
    static final Member ANONYMOUS_ID = EVENT.text("anonymousId");
    static final Member GROUP_ID = EVENT.text("groupId");
    static final Member PREVIOUS_ID = EVENT.text("previousId");
    static final Member MESSAGE_ID = EVENT.text("messageId");
    static final Member TIMESTAMP = EVENT.text("timestamp");
    static final Member ORIGINAL_TIMESTAMP = EVENT.text("originalTimestamp");
    static final Member SENT_AT = EVENT.text("sentAt");
    static final Member RECEIVED_AT = EVENT.find("receivedAt");
    static final Member WRITE_KEY = EVENT.text("writeKey");
    static final Member CONTEXT = EVENT.object("context", CONTEXT_MEMBERS);
    static final Member INTEGRATIONS = EVENT.object("integrations", INTEGRATIONS_MEMBERS);
    static final Member PROPERTIES = EVENT.find("properties");
    static final Member TRAITS = EVENT.find("traits");

    private EventFields() {
    }
}
