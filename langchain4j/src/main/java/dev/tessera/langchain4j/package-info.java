/**
 * LangChain4j over Tessera, in-process: {@link dev.tessera.langchain4j.TesseraChatModel} ({@code ChatModel}) and
 * {@link dev.tessera.langchain4j.TesseraStreamingChatModel} ({@code StreamingChatModel}) over a loaded
 * {@link dev.tessera.core.api.TesseraModel}, for {@code AiServices} and the rest of LangChain4j.
 *
 * @see dev.tessera.langchain4j.TesseraChatModel
 * @see dev.tessera.langchain4j.TesseraStreamingChatModel
 */
package dev.tessera.langchain4j;
