/**
 * OpenAI's HTTP API for text: request checking ({@link dev.tessera.serve.openai.TextRequest},
 * {@link dev.tessera.serve.openai.Fields}), the chat prompt template ({@link dev.tessera.serve.openai.ChatTemplate})
 * and the completion routes, streamed or not ({@link dev.tessera.serve.openai.OpenAiRoutes}).
 *
 * @see dev.tessera.serve.openai.OpenAiRoutes
 * @see dev.tessera.serve.openai.ChatTemplate
 */
package dev.tessera.serve.openai;
