package dev.tessera.pointcloud.data;

import dev.tessera.pointcloud.geom.Mesh;

/**
 * One generated solid with its label and a caption that describes its proportions.
 *
 * @param shapeClass the class
 * @param caption a short English description ("a wide flat cylinder")
 * @param mesh the surface, normalised to the unit cube (bounding box centred, longest side 1)
 */
public record ProceduralShape(ShapeClass shapeClass, String caption, Mesh mesh) { }
