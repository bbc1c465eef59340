package com.example.inventory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /inventory/{sku}}: the stock of one item, so the app has the web layer a real service has.
 */
@RestController
public class InventoryController {

    private final InventoryService inventory;

    public InventoryController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/inventory/{sku}")
    public StockLevel stock(@PathVariable String sku) {
        return new StockLevel(sku, inventory.stockOf(sku));
    }

    /** The response body. */
    public record StockLevel(String sku, int available) {
    }
}
