package dev.tessera.langchain4j.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.serve.TinyModels;
import dev.tessera.serve.openai.ChatTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MobyAssistantTest {
    @Test
    void theSample_answersThroughAiServices_withTheTemplatedSeededReply() throws Exception {
        try (TesseraModel m = TinyModels.text(128)) {
            String reply = MobyAssistant.ask(m, "Who is Ahab?");
            String prompt = ChatTemplate.render(List.of(new ChatTemplate.Message("system",
                    "You are a sailor on the Pequod."), new ChatTemplate.Message("user", "Who is Ahab?")));
            String want = m.generate(prompt, SamplingConfig.sample(0.7, 42, 60));
            for (String stop : ChatTemplate.STOPS) {
                want = want.contains(stop) ? want.substring(0, want.indexOf(stop)) : want;
            }
            assertEquals(want, reply, "AiServices sent the system and user messages through the template");
        }
    }
}
