package dev.tessera.langchain4j.sample;

import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.TokenStream;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.langchain4j.TesseraChatModel;
import dev.tessera.langchain4j.TesseraStreamingChatModel;
import java.nio.file.Path;

/**
 * The LangChain4j sample: an {@code AiServices} assistant over a Tessera model loaded in this process, answering
 * at once and streamed. Run it on a trained text model:
 *
 * <pre>
 * java -cp ... dev.tessera.langchain4j.sample.MobyAssistant moby.tessera "Who is Ahab?"
 * </pre>
 *
 * ({@code MobyAssistantTest} runs it in every build against a tiny model.)
 */
public final class MobyAssistant {
    private MobyAssistant() { }

    /** What LangChain4j implements for us. */
    public interface Sailor {
        /**
         * @param question the user's question
         * @return the reply
         */
        @SystemMessage("You are a sailor on the Pequod.")
        String chat(String question);
    }

    /** The same, streamed. */
    public interface StreamingSailor {
        /**
         * @param question the user's question
         * @return the reply as it is written
         */
        @SystemMessage("You are a sailor on the Pequod.")
        TokenStream chat(String question);
    }

    /**
     * Asks a question through both assistants.
     *
     * @param model the loaded model
     * @param question the question
     * @return the reply (the streamed one is printed as it comes)
     * @throws InterruptedException if interrupted while streaming
     */
    public static String ask(TesseraModel model, String question) throws InterruptedException {
        try (TesseraChatModel chat = TesseraChatModel.builder().model(model).temperature(0.7).maxTokens(60)
                .seed(42L).build();
                TesseraStreamingChatModel streaming = TesseraStreamingChatModel.builder().model(model)
                        .temperature(0.7).maxTokens(60).seed(42L).build()) {
            Sailor sailor = AiServices.create(Sailor.class, chat);
            String reply = sailor.chat(question);
            System.out.println("reply: " + reply);
            StreamingSailor live = AiServices.create(StreamingSailor.class, streaming);
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            live.chat(question).onPartialResponse(System.out::print).onCompleteResponse(r -> done.countDown())
                    .onError(e -> done.countDown()).start();
            done.await();
            System.out.println();
            return reply;
        }
    }

    /**
     * @param args the bundle and a question
     * @throws Exception if the model cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        try (TesseraModel m = TesseraModel.load(Path.of(args[0]))) {
            ask(m, args.length > 1 ? args[1] : "Who is Ahab?");
        }
    }
}
