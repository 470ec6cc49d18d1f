package dev.tessera.pointcloud.eval;

/**
 * One shape through the octree tokenizer and back, scored two ways.
 *
 * @param file the input file
 * @param points points per sample
 * @param depth octree depth
 * @param tokens tokens of the encoded sample
 * @param bytes bytes at 8 bits per mask
 * @param mortonTokens tokens the Morton voxel codec needs for the same sample and depth
 * @param fscore F@tau of the decoded points against the encoded sample
 * @param chamfer Chamfer distance of the decoded points against the encoded sample
 * @param fscoreIndependent F@tau against an independent second sample of the same surface
 * @param chamferIndependent Chamfer distance against the independent sample
 * @param fscoreCeiling F@tau of the encoded sample against the independent one (the best a
 *     perfect reconstruction of the surface can score against an independent sample)
 * @param chamferCeiling Chamfer distance between the two samples
 * @param tau the F-score threshold (unit cube: bounding box centred, longest side 1)
 */
public record RoundTripResult(String file, int points, int depth, int tokens, long bytes, int mortonTokens,
        double fscore, double chamfer, double fscoreIndependent, double chamferIndependent, double fscoreCeiling,
        double chamferCeiling, double tau) { }
