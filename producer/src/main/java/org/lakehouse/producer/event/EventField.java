package org.lakehouse.producer.event;

/** The wire fields of an order event, with their JSON / Avro names. */
public enum EventField {
    SCHEMA_VERSION("schema_version", false),
    EVENT_ID("event_id", true),
    ORDER_ID("order_id", true),
    CUSTOMER_ID("customer_id", true),
    PRODUCT("product", true),
    QUANTITY("quantity", true),
    UNIT_PRICE("unit_price", true),
    CURRENCY("currency", false),
    CITY("city", true),
    EVENT_TS("event_ts", true);

    private final String wireName;
    private final boolean required;

    EventField(String wireName, boolean required) {
        this.wireName = wireName;
        this.required = required;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether Silver quarantines an event that lacks this field. */
    public boolean required() {
        return required;
    }
}
