/**
 * The {@code tessera} command line: {@link dev.tessera.cli.TesseraCli} and one class per sub-command. A
 * command parses and checks its flags (shared blocks are picocli mixins: {@link dev.tessera.cli.JsonOutput},
 * {@link dev.tessera.cli.SamplingOptions}), calls the SDK or a sample pipeline, and prints; the work itself
 * lives in the modules it calls.
 */
package dev.tessera.cli;
