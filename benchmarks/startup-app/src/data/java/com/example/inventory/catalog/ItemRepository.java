package com.example.inventory.catalog;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

/** The catalogue's Spring Data repository. */
public interface ItemRepository extends JpaRepository<Item, String> {

    List<Item> findByAvailableGreaterThan(int available);
}
