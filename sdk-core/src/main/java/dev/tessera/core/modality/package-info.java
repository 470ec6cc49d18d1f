/**
 * The modality plug-in SPI: a {@link dev.tessera.core.modality.Modality} turns objects of one
 * kind (text, images, series, point sets, ...) into a {@link dev.tessera.core.token.Segment} of
 * local token ids and back. Third-party modalities register a
 * {@link dev.tessera.core.modality.ModalityProvider} in
 * {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}; the
 * {@link dev.tessera.core.modality.ModalityRegistry} finds them with {@link java.util.ServiceLoader}.
 *
 * @see dev.tessera.core.modality.ModalityTokenizer
 * @see dev.tessera.core.modality.ModalityDetokenizer
 */
package dev.tessera.core.modality;
