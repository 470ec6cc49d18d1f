/** Small helpers shared by the core packages. */
package dev.tessera.core.util;
