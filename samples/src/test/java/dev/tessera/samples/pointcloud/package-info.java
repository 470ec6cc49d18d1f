/** Tests of the shape evaluation: a killed training resumes to the scores of an uninterrupted one. */
package dev.tessera.samples.pointcloud;
