package com.example.inventory.catalog;

import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /catalog/{sku}}: one item from the database, with a validated path variable. */
@RestController
@Validated
public class CatalogController {

    private final ItemRepository items;

    public CatalogController(ItemRepository items) {
        this.items = items;
    }

    @GetMapping("/catalog/{sku}")
    public ResponseEntity<Item> item(@PathVariable @Size(max = 32) String sku) {
        return ResponseEntity.of(items.findById(sku));
    }
}
