/**
 * Deterministic generation of the order stream: each record's content is a pure function of (seed, seq), which
 * makes runs reproducible and lets a duplicate regenerate its original's exact bytes without keeping history.
 */
package org.lakehouse.producer.generate;
