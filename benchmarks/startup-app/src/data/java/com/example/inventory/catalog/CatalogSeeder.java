package com.example.inventory.catalog;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Fills the catalogue before the application reports ready and reads it back, as an application that loads
 * reference data at start-up does: connections are taken from the pool, through {@code DataSource#getConnection},
 * while the application starts.
 */
@Component
public class CatalogSeeder implements ApplicationRunner {

    private final ItemRepository items;

    public CatalogSeeder(ItemRepository items) {
        this.items = items;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        items.saveAll(List.of(new Item("apple", 12), new Item("pear", 0), new Item("plum", 40)));
        if (items.findByAvailableGreaterThan(0).size() != 2) {
            throw new IllegalStateException("the catalogue did not read back what was written");
        }
    }
}
