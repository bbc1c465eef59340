package dev.bulwark.it.apps;

/** The implementation of {@link StockSource}. */
public final class WarehouseStockSource implements StockSource {

    @Override
    public int stock(String sku) {
        System.out.println("BODY stock");
        return 7;
    }
}
