package com.example.inventory;

import org.springframework.stereotype.Service;

import java.util.Map;

/**
 * The stock of each item, from memory: the method {@code benchmarks/startup-policies.json} guards.
 * No database on purpose, so the benchmark times the JVM, Spring and the agents, not a connection pool.
 */
@Service
public class InventoryService {

    private final Map<String, Integer> stock = Map.of("apple", 12, "pear", 0, "plum", 40);
    private final SupplierClient supplier;

    public InventoryService(SupplierClient supplier) {
        this.supplier = supplier;
    }

    public int stockOf(String sku) {
        return stock.getOrDefault(sku, 0);
    }

    /** The supplier that restocks; here so the HTTP client is part of the application's graph. */
    public SupplierClient supplier() {
        return supplier;
    }
}
