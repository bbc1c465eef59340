package com.example.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot web application whose time to ready {@code benchmarks/startup.sh} measures.
 * Its package is not under {@code dev.bulwark}, so a class histogram tells the agent's objects from the app's.
 */
@SpringBootApplication
public class StartupApp {

    public static void main(String[] args) {
        SpringApplication.run(StartupApp.class, args);
    }
}
