package dev.bulwark.it.apps;

/** An application that only says it runs: for checking what the agent does at start-up. */
public final class IdleApp {

    private IdleApp() {
    }

    public static void main(String[] args) {
        System.out.println("APP RUNNING");
    }
}
