/** The runner's read-only HTTP endpoint on 127.0.0.1: health, Prometheus metrics and the run ledger. */
package org.lakehouse.runner.http;
