/** Tests of the vision tasks on the backbone. */
package dev.tessera.vision.task;
