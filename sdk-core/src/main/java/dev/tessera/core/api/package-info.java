/**
 * Object in, object out: {@link dev.tessera.core.api.TesseraModel} loads a trained bundle and answers a
 * {@link dev.tessera.core.api.Prompt} of typed parts with an object of a type one of its modalities writes.
 *
 * @see dev.tessera.core.api.TesseraModel
 * @see dev.tessera.core.api.Prompt
 */
package dev.tessera.core.api;
