package dev.bulwark.demo;

import java.util.concurrent.TimeUnit;

/** A slow, heavy piece of the application: each report takes a while and a share of the machine. */
public final class ReportService {
    private static final long REPORT_MILLIS = 300;

    /**
     * @param customer whose report to generate
     * @return the report
     */
    public String generate(String customer) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(REPORT_MILLIS);
        return "report for " + customer;
    }
}
