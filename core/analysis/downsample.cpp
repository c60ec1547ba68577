#include "core/analysis/downsample.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace core {

namespace {
    // The (outRows, outCols) grid of blocks over `in`: every block starts at `empty` and `merge(cell, v)` folds each of
    // its entries in. Input row r falls in output row r * outRows / rows (every output row gets at least one input
    // row), likewise for columns. An empty input gives zeros.
    template <class Merge>
    std::vector<float> poolBlocks(const TensorView& in, int outRows, int outCols, float empty, Merge merge)
    {
        outRows = std::clamp(outRows, 1, std::max(1, in.rows));
        outCols = std::clamp(outCols, 1, std::max(1, in.cols));
        if (in.rows <= 0 || in.cols <= 0)
            return std::vector<float>(std::size_t(outRows) * outCols, 0.0f);
        std::vector<float> out(std::size_t(outRows) * outCols, empty);
        std::vector<int> colOf(std::size_t(in.cols));
        for (int c = 0; c < in.cols; ++c)
            colOf[std::size_t(c)] = int(std::int64_t(c) * outCols / in.cols);
        for (int r = 0; r < in.rows; ++r) {
            float* o = out.data() + std::size_t(std::int64_t(r) * outRows / in.rows) * outCols;
            const float* row = in.data + std::int64_t(r) * in.stride;
            for (int c = 0; c < in.cols; ++c)
                merge(o[colOf[std::size_t(c)]], row[c]);
        }
        return out;
    }
} // namespace

std::vector<float> downsampleMax(const TensorView& in, int outRows, int outCols)
{
    std::vector<float> out
        = poolBlocks(in, outRows, outCols, -std::numeric_limits<float>::infinity(), [](float& cell, float v) {
              if (std::isfinite(v) && v > cell)
                  cell = v;
          });
    for (float& v : out)
        if (!std::isfinite(v))
            v = 0.0f;
    return out;
}

std::vector<float> downsampleExtreme(const TensorView& in, int outRows, int outCols)
{
    // NaN: no entry seen yet. A finite value replaces nothing-yet, a non-finite one, or a smaller magnitude; a
    // non-finite value only fills an empty block.
    return poolBlocks(in, outRows, outCols, std::numeric_limits<float>::quiet_NaN(), [](float& cell, float v) {
        if (std::isfinite(v) ? !std::isfinite(cell) || std::fabs(v) > std::fabs(cell) : std::isnan(cell))
            cell = v;
    });
}

} // namespace core
