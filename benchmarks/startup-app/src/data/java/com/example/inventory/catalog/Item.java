package com.example.inventory.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** An item of the catalogue, as a JPA entity in the embedded database. */
@Entity
public class Item {

    @Id
    @NotBlank
    private String sku;

    @Min(0)
    private int available;

    protected Item() {
    }

    public Item(String sku, int available) {
        this.sku = sku;
        this.available = available;
    }

    public String getSku() {
        return sku;
    }

    public int getAvailable() {
        return available;
    }
}
