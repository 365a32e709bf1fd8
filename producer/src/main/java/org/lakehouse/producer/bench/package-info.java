/**
 * The producer benchmark: the full generate-and-send path against a baseline that sends pre-built records of the
 * same bytes through the same client and settings, measured in one run so the ratio is meaningful on noisy hosts.
 */
package org.lakehouse.producer.bench;
