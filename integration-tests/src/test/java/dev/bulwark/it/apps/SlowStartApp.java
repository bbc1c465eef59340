package dev.bulwark.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;

/**
 * An application that goes on starting, loading one class after another, until it is told it has started. Prints
 * {@code LOADING CLASSES} at once; reads commands from standard input: {@code call} calls the method the test's
 * policy names and prints {@code CALL RETURNED <value>} or {@code CALL THREW <class>}; {@code started} stops the
 * loading and prints {@code STARTED}.
 */
public final class SlowStartApp {

    private SlowStartApp() {
    }

    public static void main(String[] args) throws Exception {
        Thread loading = new Thread(SlowStartApp::loadClassesUntilInterrupted, "loading");
        loading.setDaemon(true);
        loading.start();
        System.out.println("LOADING CLASSES");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            if (command.equals("call")) {
                try {
                    System.out.println("CALL RETURNED " + new EarlyCallApp.PriceList().price("sku-1"));
                } catch (RuntimeException e) {
                    System.out.println("CALL THREW " + e.getClass().getName());
                }
            } else if (command.equals("started")) {
                loading.interrupt();
                loading.join();
                System.out.println("STARTED");
            }
        }
    }

    /** Defines a new copy of a class, in a loader of its own, again and again, as a large application's start does. */
    private static void loadClassesUntilInterrupted() {
        URL classes = SlowStartApp.class.getProtectionDomain().getCodeSource().getLocation();
        while (!Thread.currentThread().isInterrupted()) {
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null)) {
                loader.loadClass(IdleApp.class.getName());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
