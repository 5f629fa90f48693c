/**
 * What the framework itself costs per item: networks of trivial functions, so the time measured is channels,
 * hand-offs, bookkeeping and reports, not work. One idea per class.
 */
package dev.framewire.benchmarks.overhead;
