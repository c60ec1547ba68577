#pragma once
// The FP32 multiply-add peak of this machine, the ceiling for compute-bound work like a long prefill.
namespace core {

struct FmaPeak {
    double measured = 0; // FLOP/s a loop of independent vector FMAs reaches on the pool's threads
    double vectorFloats = 0; // floats per FMA instruction in that loop (8 for AVX2, 1 without)
};

// Runs ~0.2 s per repeat on every pool thread; best of `repeats`. FLOPs count a multiply-add as two.
FmaPeak measureFmaPeak(int repeats = 3);

} // namespace core
