package dev.bulwark.it.apps;

import java.io.IOException;

/** An interface whose method is only ever advised through its implementations. */
public interface StockSource {
    int stock(String sku) throws IOException;
}
