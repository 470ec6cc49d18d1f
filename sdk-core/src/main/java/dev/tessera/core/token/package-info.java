/**
 * Token streams: a {@link dev.tessera.core.token.Segment} is a run of one modality's local ids;
 * a {@link dev.tessera.core.token.TokenSequence} frames segments with control tokens; and the
 * {@link dev.tessera.core.token.VocabularyLayout} maps every modality's local ids into one global
 * id space and says which output head scores which ids.
 */
package dev.tessera.core.token;
