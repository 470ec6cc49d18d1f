/**
 * The multimodal HTTP endpoints (text → image, image → caption, series → forecast, caption → shape), each checked
 * against the modalities the served bundle was trained with.
 *
 * @see dev.tessera.serve.media.MediaRoutes
 */
package dev.tessera.serve.media;
