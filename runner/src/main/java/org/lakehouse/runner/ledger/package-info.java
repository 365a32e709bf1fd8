/** The durable, append-only run ledger: what ran, for which triggers, with which outcome. */
package org.lakehouse.runner.ledger;
