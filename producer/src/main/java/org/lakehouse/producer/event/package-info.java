/**
 * What an order event is and how it goes on the wire: the canonical catalog of cities and products, the event
 * record, and its JSON and Avro encodings, which can leave a field out or give it a wrong type on purpose.
 */
package org.lakehouse.producer.event;
