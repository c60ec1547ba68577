#include "core/analysis/downsample.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace core {

std::vector<float> downsampleMax(const TensorView& in, int outRows, int outCols)
{
    outRows = std::clamp(outRows, 1, std::max(1, in.rows));
    outCols = std::clamp(outCols, 1, std::max(1, in.cols));
    std::vector<float> out(std::size_t(outRows) * outCols, -std::numeric_limits<float>::infinity());
    if (in.rows <= 0 || in.cols <= 0)
        return std::vector<float>(out.size(), 0.0f);
    // Input row r falls in output row r * outRows / rows (every output row gets at least one input row).
    std::vector<int> colOf(std::size_t(in.cols));
    for (int c = 0; c < in.cols; ++c)
        colOf[std::size_t(c)] = int(std::int64_t(c) * outCols / in.cols);
    for (int r = 0; r < in.rows; ++r) {
        float* o = out.data() + std::size_t(std::int64_t(r) * outRows / in.rows) * outCols;
        const float* row = in.data + std::int64_t(r) * in.stride;
        for (int c = 0; c < in.cols; ++c) {
            const float v = row[c];
            float& cell = o[colOf[std::size_t(c)]];
            if (std::isfinite(v) && v > cell)
                cell = v;
        }
    }
    for (float& v : out)
        if (!std::isfinite(v))
            v = 0.0f;
    return out;
}

std::vector<float> downsampleExtreme(const TensorView& in, int outRows, int outCols)
{
    outRows = std::clamp(outRows, 1, std::max(1, in.rows));
    outCols = std::clamp(outCols, 1, std::max(1, in.cols));
    if (in.rows <= 0 || in.cols <= 0)
        return std::vector<float>(std::size_t(outRows) * outCols, 0.0f);
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> out(std::size_t(outRows) * outCols, nan); // NaN: no entry seen yet
    std::vector<int> colOf(std::size_t(in.cols));
    for (int c = 0; c < in.cols; ++c)
        colOf[std::size_t(c)] = int(std::int64_t(c) * outCols / in.cols);
    for (int r = 0; r < in.rows; ++r) {
        float* o = out.data() + std::size_t(std::int64_t(r) * outRows / in.rows) * outCols;
        const float* row = in.data + std::int64_t(r) * in.stride;
        for (int c = 0; c < in.cols; ++c) {
            const float v = row[c];
            float& cell = o[colOf[std::size_t(c)]];
            // A finite value replaces nothing-yet, a non-finite one, or a smaller magnitude; a non-finite value
            // only fills an empty block.
            if (std::isfinite(v) ? !std::isfinite(cell) || std::fabs(v) > std::fabs(cell) : std::isnan(cell))
                cell = v;
        }
    }
    return out;
}

} // namespace core
