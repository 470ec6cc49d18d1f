/**
 * What every endpoint shares: {@link dev.tessera.serve.api.ApiException}, a request error with its HTTP status and
 * the OpenAI-style error object (message, type, the field it is about) that the server answers with.
 */
package dev.tessera.serve.api;
