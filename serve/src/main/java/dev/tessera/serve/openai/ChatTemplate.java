package dev.tessera.serve.openai;

import java.util.List;

/**
 * How chat messages become the text a Tessera model continues. The template is plain text, so it works for any
 * text model (none of ours was tuned on a chat format):
 *
 * <pre>
 * {system content}          (each system or developer message, then a blank line)
 *
 * User: {content}
 * Assistant: {content}
 * User: {content}
 * Assistant:
 * </pre>
 *
 * <p>Each user and assistant turn is one line, {@code "User: "} or {@code "Assistant: "} then its content; the
 * prompt ends with {@code "Assistant:"} and the model writes the reply after it. The reply stops at
 * {@link #STOPS} (the start of a next turn), besides the request's own {@code stop} strings.
 */
public final class ChatTemplate {
    /** Stop strings every chat reply has: a new turn. */
    public static final List<String> STOPS = List.of("\nUser:", "\nAssistant:");

    private ChatTemplate() { }

    /**
     * One chat message.
     *
     * @param role {@code system}, {@code developer}, {@code user} or {@code assistant}
     * @param content its text
     */
    public record Message(String role, String content) { }

    /**
     * Renders messages into the prompt.
     *
     * @param messages the conversation, at least one message
     * @return the text to continue
     */
    public static String render(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            switch (m.role()) {
                case "system", "developer" -> sb.append(m.content()).append("\n\n");
                case "user" -> sb.append("User: ").append(m.content()).append('\n');
                case "assistant" -> sb.append("Assistant: ").append(m.content()).append('\n');
                default -> throw new IllegalArgumentException("unknown role '" + m.role() + "'");
            }
        }
        return sb.append("Assistant:").toString();
    }
}
