/**
 * Tokenizers for tiny tasks: {@link dev.tessera.text.chars.CharTokenizer} over an explicit
 * alphabet (unknown characters are errors with their position) and
 * {@link dev.tessera.text.chars.ByteTokenizer}, one id per UTF-8 byte.
 *
 * @see dev.tessera.text.TextTokenizer
 */
package dev.tessera.text.chars;
