/**
 * The growth benchmark: how a round of new events costs on a lake that already holds a long history against the
 * same round on an empty lake, with copies of old events in every round to check that deduplication still finds
 * their originals; optionally beside the textbook pipeline on the same history.
 */
package org.lakehouse.jobs.bench.growth;
