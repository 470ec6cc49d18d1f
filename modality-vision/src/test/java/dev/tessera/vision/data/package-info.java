/** Tests of data readers, synthetic shapes and the caption checker. */
package dev.tessera.vision.data;
