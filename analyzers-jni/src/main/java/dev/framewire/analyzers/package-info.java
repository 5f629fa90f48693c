/**
 * The photo analyzers and the scorer.
 *
 * <pre>{@code
 * PhotoAnalysis analysis = PhotoAnalyzer.create().analyze(frame);    // sharpness + exposure + composition, fused
 * PhotoVerdict verdict = PhotoScore.defaults().score(analysis);       // total, qualityScore, post_it/maybe/delete
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.framewire.analyzers.SharpnessAnalyzer}, {@link dev.framewire.analyzers.ExposureAnalyzer},
 *       {@link dev.framewire.analyzers.CompositionAnalyzer}, {@link dev.framewire.analyzers.PhotoAnalyzer}:
 *       {@code create()} (best backend) or {@code using(KernelBackend)}, then {@code analyze(Frame)}. Immutable,
 *       thread-safe, never take ownership of the frame.</li>
 *   <li>Results: {@link dev.framewire.analyzers.SharpnessResult}, {@link dev.framewire.analyzers.ExposureResult}
 *       (with a {@link dev.framewire.analyzers.LuminanceHistogram} when asked for one: {@code withHistogram()}),
 *       {@link dev.framewire.analyzers.CompositionResult};
 *       each has a verdict enum whose {@code label()} is the archive's word, and {@code note()}.</li>
 *   <li>{@link dev.framewire.analyzers.PhotoScore}: weights and thresholds, SPEC.md's rounding;
 *       {@link dev.framewire.analyzers.Decimals} rounds and formats like Python for archives.</li>
 *   <li>{@link dev.framewire.analyzers.KernelBackend}: native C++ (AVX2 where available) or the bit-identical
 *       pure-Java twin.</li>
 * </ul>
 */
package dev.framewire.analyzers;
