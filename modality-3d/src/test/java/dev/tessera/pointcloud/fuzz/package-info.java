/**
 * Jazzer fuzz targets for the geometry readers (PLY, OFF, OBJ, XYZ). Seeds live under
 * {@code src/test/resources/dev/tessera/pointcloud/fuzz/GeometryFuzzTestInputs/<format>/}.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.pointcloud.fuzz;
