/** The runner's settings: declared once ({@code RunnerSetting}), typed and validated ({@code RunnerConfig}). */
package org.lakehouse.runner.config;
