package dev.bulwark.it.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;

import java.util.Map;

/** An application bundling its own Jackson, of another version than the agent's. */
public final class JacksonApp {

    private JacksonApp() {
    }

    public static void main(String[] args) throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("sku", 42));
        System.out.println("JACKSON " + PackageVersion.VERSION + " " + json);
    }
}
