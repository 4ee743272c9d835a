package dev.dcp.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The test kit's WebAssembly modules ({@code wasm/NAME.wat} and its compiled {@code NAME.wasm} beside this kit's
 * classes: honest ones and hostile ones), base64-encoded as a job's {@code input.module} carries them.
 */
public final class WasmModules {

    private WasmModules() {}

    public static String base64(String name) {
        try (InputStream in = WasmModules.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return Base64.getEncoder().encodeToString(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
