/** The LangChain4j sample: an {@code AiServices} assistant over an in-process Tessera model. */
package dev.tessera.langchain4j.sample;
