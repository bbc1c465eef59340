package com.example.inventory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Prints {@code READY <ms>}, the JVM uptime when the application is ready, so the benchmark needs no probing, then
 * {@code CPU <ms>}, the processor time the JVM has used so far, which a busy machine disturbs less than the uptime.
 * With {@code --exit-when-ready} it then stops the application; with {@code --wait-when-ready} (or neither) it
 * keeps serving, so a class histogram can be taken.
 */
@Component
public class ReadinessReporter {

    private final ApplicationContext context;
    private final ApplicationArguments arguments;

    public ReadinessReporter(ApplicationContext context, ApplicationArguments arguments) {
        this.context = context;
        this.arguments = arguments;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reportReady() {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        System.out.println("READY " + uptime);
        System.out.println("CPU " + cpu);
        System.out.flush();
        if (arguments.containsOption("exit-when-ready")) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
