// Not a test: the CPU time of one thread for the quantized products of a prefill on the 110M model's shapes, through
// the float panels (the path above 32 rows before block_gemm.h) and through the integer tiles, as GFLOP-equivalent
// (2 T in out / CPU seconds). Per-thread CPU time (CLOCK_THREAD_CPUTIME_ID) so that a loaded machine changes the
// numbers little. Run: build/tests/core/bench_block_gemm [repeats [TYPE]]
#include "core/common/half.h"
#include "core/ops/kernels/packed_linear.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

namespace {

double threadSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// Random bytes with finite half scales where each type keeps them (as tst_kernels does).
std::vector<std::uint8_t> randomWeights(core::DType t, int out, int in, std::mt19937& rng)
{
    std::vector<std::uint8_t> bytes(std::size_t(*core::storedBytes(t, in)) * std::size_t(out));
    for (auto& b : bytes)
        b = std::uint8_t(rng());
    const std::size_t blockBytes = std::size_t(core::blockBytes(t));
    for (std::size_t off = 0; off < bytes.size(); off += blockBytes) {
        const std::uint16_t h = core::floatToF16(0.01f);
        const std::size_t at = t == core::DType::Q6_K ? 208 : 0;
        std::memcpy(bytes.data() + off + at, &h, 2);
        if (t == core::DType::Q4_K || t == core::DType::Q5_K)
            std::memcpy(bytes.data() + off + 2, &h, 2);
    }
    return bytes;
}

} // namespace

int main(int argc, char** argv)
{
    const int repeats = argc > 1 ? std::atoi(argv[1]) : 3;
    using core::DType;
    const DType types[] = { DType::Q8_0, DType::Q4_K, DType::Q5_K, DType::Q6_K };
    const int shapes[][2] = { { 768, 768 }, { 2048, 768 }, { 768, 2048 }, { 32000, 768 } }; // out, in
    std::mt19937 rng(1);
    std::printf("%-5s %5s %14s %10s %10s %7s\n", "type", "T", "out x in", "panels", "tiles", "ratio");
    for (DType t : types) {
        if (argc > 2 && std::strcmp(argv[2], core::dtypeName(t)) != 0)
            continue;
        for (const auto& s : shapes) {
            const int out = s[0], in = s[1];
            const auto bytes = randomWeights(t, out, in, rng);
            const core::LinearWeight w { nullptr, out, in, in, false, nullptr, bytes.data(), t,
                std::size_t(*core::storedBytes(t, in)) };
            for (int T : { 64, 512 }) {
                core::RowMatrix x = core::RowMatrix::Random(T, in), dst(T, out);
                double best[2] = { 1e30, 1e30 };
                for (int r = 0; r < repeats; ++r) {
                    double t0 = threadSeconds();
                    core::ops::kernels::GemmActivations packed; // the float panels through f32_gemm.h
                    packed.prepare(x);
                    core::ops::kernels::panelSlice(dst, x, w, 0, &packed);
                    best[0] = std::min(best[0], threadSeconds() - t0);
                    t0 = threadSeconds();
                    core::ops::kernels::BlockActivations blocks;
                    blocks.prepare(x, t);
                    core::ops::kernels::blockDotSlice(dst, blocks, w, 0);
                    best[1] = std::min(best[1], threadSeconds() - t0);
                }
                const double flop = 2.0 * T * double(in) * out * 1e-9;
                std::printf("%-5s %5d %6d x %5d %10.1f %10.1f %6.2fx\n", core::dtypeName(t), T, out, in, flop / best[0],
                    flop / best[1], best[0] / best[1]);
                std::fflush(stdout);
            }
        }
    }
}
