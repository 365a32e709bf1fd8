package org.lakehouse.runner.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz fallback schedules: one cron trigger per job (in UTC) firing {@link FallbackJob}.
 *
 * <p>Misfires: Quartz keeps its schedules in memory, so the time the runner was down is told to it by starting
 * each trigger at {@code lastUp} (the ledger's last entry). Fire times missed since then are handled with
 * {@code FIRE_AND_PROCEED}: one firing at once, however many were missed, then the schedule as usual; the
 * policy still drops that firing when the job succeeded recently.
 */
public final class FallbackScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackScheduler.class);

    private final Scheduler scheduler;

    private FallbackScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param schedules job → Quartz cron expression (seconds first, e.g. {@code 0 0/5 * * * ?})
     * @param lastUp when the runner was last known up (schedules start there, so missed fire times count)
     */
    public static FallbackScheduler start(String name, Map<String, String> schedules, FallbackContext context,
            Instant lastUp) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        scheduler.getContext().put(FallbackJob.CONTEXT, context);
        for (Map.Entry<String, String> s : schedules.entrySet()) {
            JobDetail detail = JobBuilder.newJob(FallbackJob.class).withIdentity("fallback-" + s.getKey())
                    .usingJobData(FallbackJob.JOB_NAME, s.getKey()).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("fallback-" + s.getKey())
                    .startAt(Date.from(lastUp))
                    .withSchedule(CronScheduleBuilder.cronSchedule(s.getValue())
                            .inTimeZone(java.util.TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(detail, trigger);
            LOG.info("Fallback for {}: cron '{}' (UTC), next at {}", s.getKey(), s.getValue(),
                    trigger.getNextFireTime());
        }
        scheduler.start();
        return new FallbackScheduler(scheduler);
    }

    /** Null when {@code cron} is a valid Quartz cron expression, else why not. */
    public static String invalid(String cron) {
        try {
            CronExpression.validateExpression(cron);
            return null;
        } catch (java.text.ParseException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("Stopping the fallback scheduler: {}", e.toString());
        }
    }
}
