package dev.bulwark.it.support;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** WireMock as the tests run it: a server of its own for each test, on a free port of the loopback address. */
public final class WireMockServers {

    private WireMockServers() {
    }

    /** @return the extension to register on an instance field with {@code @RegisterExtension} */
    public static WireMockExtension onLoopback() {
        return WireMockExtension.newInstance().options(options().dynamicPort().bindAddress("127.0.0.1")).build();
    }
}
