package dev.bulwark.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes policy files for a test, as an operator would. */
public final class PolicyFiles {

    private PolicyFiles() {
    }

    /** @return a new file in {@code folder} holding {@code json} */
    public static Path write(Path folder, String json) throws IOException {
        Path file = Files.createTempFile(folder, "policies-", ".json");
        Files.writeString(file, json);
        return file;
    }
}
