package org.lakehouse.runner.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fallback firing: if the {@link FallbackPolicy} says the job is due, drop an ordinary trigger
 * ({@code requested_by: quartz}) with an id made of the job and the scheduled fire time, so two runners with the
 * same schedule request one run per slot. It never runs Spark itself. Never runs concurrently with itself.
 */
@DisallowConcurrentExecution
public final class FallbackJob implements Job {
    static final String JOB_NAME = "lakehouse.job";
    static final String CONTEXT = "lakehouse.fallback";
    private static final Logger LOG = LoggerFactory.getLogger(FallbackJob.class);
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String job = context.getMergedJobDataMap().getString(JOB_NAME);
        FallbackContext fallback;
        try {
            fallback = (FallbackContext) context.getScheduler().getContext().get(CONTEXT);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        Instant now = fallback.clock().instant();
        if (!fallback.policy().due(fallback.lastSuccess(job), fallback.requested(job), now)) {
            LOG.debug("Fallback for {} not needed: requested already or succeeded within {}", job,
                    fallback.policy().window());
            fallback.fired(job, false);
            return;
        }
        Instant slot = context.getScheduledFireTime() != null ? context.getScheduledFireTime().toInstant() : now;
        String id = "quartz-" + job + "-" + SLOT.format(slot);
        try {
            fallback.request(job, id);
            LOG.info("Fallback: no successful {} run within {}; requested one ({})", job, fallback.policy().window(),
                    id);
        } catch (java.io.IOException e) {
            LOG.error("Fallback for {} could not write its trigger: {}", job, e.toString());
        }
        fallback.fired(job, true);
    }
}
