package dev.tessera.cli;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.serve.ServerConfig;
import dev.tessera.serve.TesseraServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera serve}: an OpenAI-compatible HTTP server over a bundle (see {@link TesseraServer}). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a .tessera bundle over HTTP: OpenAI-compatible /v1/completions, /v1/chat/completions "
                + "(streamed or not), /v1/models; multimodal /v1/images/generations, /v1/captions, /v1/forecasts, "
                + "/v1/shapes; /health and Prometheus /metrics. Concurrent requests share one batched decode.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "The .tessera bundle.")
    Path model;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}; "
            + "0.0.0.0 exposes the server to the network).")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--model-id", description = "The id clients send as 'model' (default: the file name without "
            + ".tessera).")
    String modelId;
    @Option(names = "--api-key-env", description = "Name of an environment variable holding the API key clients must "
            + "send as 'Authorization: Bearer KEY' (default: TESSERA_API_KEY if set; else no key).")
    String apiKeyEnv;
    @Option(names = "--max-tokens", defaultValue = "512", description = "Largest max_tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;
    @Option(names = "--max-body", defaultValue = "1048576", description = "Largest request body in bytes "
            + "(default: ${DEFAULT-VALUE}).")
    int maxBody;
    @Option(names = "--batch", defaultValue = "16", description = "Most generations decoded at once "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--queue", defaultValue = "64", description = "Most requests waiting for a batch row; more get "
            + "429 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Override
    public Integer call() throws Exception {
        String key = System.getenv(apiKeyEnv != null ? apiKeyEnv : "TESSERA_API_KEY");
        if (apiKeyEnv != null && key == null) {
            throw new IllegalArgumentException("--api-key-env " + apiKeyEnv + ": that environment variable is not set");
        }
        ServerConfig config = new ServerConfig(host, port, key, maxBody, maxTokens, batch, queue);
        String id = modelId != null ? modelId : model.getFileName().toString().replaceFirst("\\.tessera$", "");
        try (TesseraModel m = TesseraModel.load(model); TesseraServer s = TesseraServer.start(m, id, config)) {
            System.err.println("tessera serve: model '" + id + "' on http://" + host + ":" + s.port() + "/v1"
                    + (key != null ? " (API key required)" : "") + "; batch " + batch + ", queue " + queue
                    + "; Ctrl-C stops");
            s.awaitStop();
        }
        return 0;
    }
}
