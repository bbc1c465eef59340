package dev.bulwark.it.apps;

/** Application methods of several shapes, for method patterns and rejection types. */
public class InventoryGateway {

    public String fetchStock(String sku) throws InventoryUnavailableException {
        System.out.println("BODY fetchStock");
        return "7";
    }

    public String fetchPrice(String sku) {
        System.out.println("BODY fetchPrice");
        return "9.99";
    }

    public String fetchPrice(String sku, int quantity) {
        System.out.println("BODY fetchPrice2");
        return "19.98";
    }

    public String describe() {
        System.out.println("BODY describe");
        return "gateway";
    }
}
